package org.colloquy.user.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.colloquy.api.ApiException;
import org.colloquy.api.Caller;
import org.colloquy.domain.Role;
import org.colloquy.user.rest.UserMessages.RolesRequest;
import org.colloquy.user.rest.UserMessages.RolesResponse;
import org.colloquy.user.service.RoleService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Extension: role management, for admins only. */
@Path("/api/admin/users/{username}/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class AdminResource {

    private final RoleService roles;
    private final Caller caller;

    public AdminResource(RoleService roles, Caller caller) {
        this.roles = roles;
        this.caller = caller;
    }

    @PUT
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Set a user's roles", description = "Body {\"roles\":[\"moderator\"]}; 'user' is always "
            + "kept. Takes effect with the user's next token.")
    public Uni<RolesResponse> setRoles(@PathParam("username") String username, RolesRequest request) {
        if (request == null) {
            throw ApiException.invalid("roles", "can't be blank");
        }
        return roles.setRoles(caller.id(), username, request.roles()).map(RolesResponse::from);
    }
}
