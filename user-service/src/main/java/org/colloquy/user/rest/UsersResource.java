package org.colloquy.user.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.colloquy.api.ApiException;
import org.colloquy.api.Caller;
import org.colloquy.user.rest.UserMessages.LoginRequest;
import org.colloquy.user.rest.UserMessages.NewUserRequest;
import org.colloquy.user.rest.UserMessages.UpdateUser;
import org.colloquy.user.rest.UserMessages.UpdateUserRequest;
import org.colloquy.user.rest.UserMessages.UserResponse;
import org.colloquy.user.service.AccountService;
import org.colloquy.user.service.AccountService.AccountChanges;
import org.colloquy.user.service.AccountService.Registration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** RealWorld: registration, log-in and the current user. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "User and Authentication")
public class UsersResource {

    private final AccountService accounts;
    private final Caller caller;

    public UsersResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @Path("/users")
    @ResponseStatus(201)
    @Operation(summary = "Register a new user", description = "Usernames and e-mails are unique regardless of case "
            + "(409); passwords need 8 characters to 256 bytes (422). Registrations per client address are limited "
            + "(429 with Retry-After).")
    public Uni<UserResponse> register(NewUserRequest request, @Context HttpServerRequest http) {
        if (request == null || request.user() == null) {
            throw ApiException.invalid("user", "can't be blank");
        }
        var user = request.user();
        return accounts.register(new Registration(user.username(), user.email(), user.password()),
                ClientAddress.of(http)).map(UserResponse::from);
    }

    @POST
    @Path("/users/login")
    @Operation(summary = "Log in", description = "Repeated failures per account or per client address answer 429 "
            + "with Retry-After.")
    public Uni<UserResponse> login(LoginRequest request, @Context HttpServerRequest http) {
        if (request == null || request.user() == null) {
            throw ApiException.invalid("user", "can't be blank");
        }
        return accounts.login(request.user().email(), request.user().password(), ClientAddress.of(http))
                .map(UserResponse::from);
    }

    @GET
    @Path("/user")
    @Authenticated
    @Operation(summary = "The current user")
    public Uni<UserResponse> current() {
        return accounts.current(UUID.fromString(caller.id()), caller.rawToken().orElseThrow())
                .map(UserResponse::from);
    }

    @PUT
    @Path("/user")
    @Authenticated
    @Operation(summary = "Update the current user", description = "Omitted fields stay as they are; an empty or null "
            + "bio or image clears it; a null e-mail, username or password is a 422. The answer carries a new token "
            + "(the username is in it); a new password ends every other session (their tokens get 401).")
    public Uni<UserResponse> update(UpdateUserRequest request) {
        if (request == null || request.user() == null) {
            throw ApiException.invalid("user", "can't be blank");
        }
        UpdateUser user = request.user();
        return accounts.update(UUID.fromString(caller.id()), new AccountChanges(UpdateUser.text(user.username()),
                UpdateUser.text(user.email()), UpdateUser.text(user.password()), UpdateUser.text(user.bio()),
                UpdateUser.text(user.image()))).map(UserResponse::from);
    }
}
