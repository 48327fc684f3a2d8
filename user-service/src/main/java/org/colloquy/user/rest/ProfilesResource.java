package org.colloquy.user.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.colloquy.api.Caller;
import org.colloquy.user.rest.UserMessages.ProfileResponse;
import org.colloquy.user.service.ProfileService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RealWorld: profiles and following. */
@Path("/api/profiles/{username}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profile")
public class ProfilesResource {

    private final ProfileService profiles;
    private final Caller caller;

    public ProfilesResource(ProfileService profiles, Caller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "A profile", description = "Authentication optional; 'following' is for the caller.")
    public Uni<ProfileResponse> profile(@PathParam("username") String username) {
        return caller.idIfAuthenticated()
                .chain(viewer -> profiles.profile(username, viewer.map(UUID::fromString)))
                .map(ProfileResponse::from);
    }

    @POST
    @Path("/follow")
    @Authenticated
    @Operation(summary = "Follow a user", description = "Idempotent; following yourself is a 422.")
    public Uni<ProfileResponse> follow(@PathParam("username") String username) {
        return profiles.follow(UUID.fromString(caller.id()), username).map(ProfileResponse::from);
    }

    @DELETE
    @Path("/follow")
    @Authenticated
    @Operation(summary = "Unfollow a user", description = "Idempotent.")
    public Uni<ProfileResponse> unfollow(@PathParam("username") String username) {
        return profiles.unfollow(UUID.fromString(caller.id()), username).map(ProfileResponse::from);
    }
}
