package org.colloquy.comment.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.colloquy.api.ApiException;
import org.colloquy.api.Caller;
import org.colloquy.api.Paging;
import org.colloquy.comment.domain.ModerationQueue;
import org.colloquy.comment.repository.CommentQueries;
import org.colloquy.comment.rest.CommentMessages.Ban;
import org.colloquy.comment.rest.CommentMessages.BanRequest;
import org.colloquy.comment.rest.CommentMessages.BanResponse;
import org.colloquy.comment.rest.CommentMessages.QueueItem;
import org.colloquy.comment.rest.CommentMessages.QueueResponse;
import org.colloquy.comment.rest.CommentMessages.RejectRequest;
import org.colloquy.comment.rest.CommentMessages.SettingsMessage;
import org.colloquy.comment.service.CommentService.Actor;
import org.colloquy.comment.service.ModerationService;
import org.colloquy.domain.Role;
import org.colloquy.events.Topics;
import org.colloquy.messaging.catchup.CatchUp;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Extension: the moderators' endpoints (roles moderator or admin from the token). */
@Path("/api/moderation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.MODERATOR, Role.Names.ADMIN})
@Tag(name = "Moderation")
public class ModerationResource {

    private final ModerationService moderation;
    private final CommentQueries queries;
    private final CatchUp catchUp;
    private final Caller caller;

    public ModerationResource(ModerationService moderation, CommentQueries queries, CatchUp catchUp, Caller caller) {
        this.moderation = moderation;
        this.queries = queries;
        this.catchUp = catchUp;
        this.caller = caller;
    }

    @GET
    @Path("/settings")
    @Operation(summary = "The site's moderation settings")
    public Uni<SettingsMessage> settings() {
        return moderation.settings().map(SettingsMessage::new);
    }

    @PUT
    @Path("/settings")
    @Operation(summary = "Replace the site's moderation settings")
    public Uni<SettingsMessage> saveSettings(SettingsMessage request) {
        if (request == null || request.settings() == null) {
            throw ApiException.invalid("settings", "can't be blank");
        }
        return moderation.saveSettings(request.settings()).map(SettingsMessage::new);
    }

    @GET
    @Path("/queue")
    @Operation(summary = "Comments waiting for a decision, oldest first", description = "status=pending (default), "
            + "flagged or rejected; limit 1-100 (default 20), offset >= 0.")
    public Uni<QueueResponse> queue(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        ModerationQueue queue = status == null ? ModerationQueue.PENDING : ModerationQueue.named(status)
                .orElseThrow(() -> ApiException.invalid("status", "must be one of " + ModerationQueue.NAMES));
        Paging page = Paging.of(limit, offset, 20, 100);
        return queries.queue(queue, page.limit(), page.offset()).map(result -> new QueueResponse(
                result.comments().stream().map(QueueItem::from).toList(), result.count()));
    }

    @POST
    @Path("/comments/{id}/approve")
    @Operation(summary = "Make a held or rejected comment public")
    public Uni<QueueItem> approve(@PathParam("id") long id) {
        return moderation.approve(actor(), id).chain(this::item);
    }

    @POST
    @Path("/comments/{id}/reject")
    @Operation(summary = "Reject a comment, with a reason; it stays visible to its author only")
    public Uni<QueueItem> reject(@PathParam("id") long id, RejectRequest request) {
        return moderation.reject(actor(), id, request == null ? null : request.reason()).chain(this::item);
    }

    @POST
    @Path("/users/{username}/ban")
    @Operation(summary = "Ban a user from writing comments", description = "Body {\"ban\":{\"until\":\"<ISO time>\","
            + "\"reason\":\"...\"}}; without until the ban lasts until lifted.")
    public Uni<BanResponse> ban(@PathParam("username") String username, BanRequest request) {
        Ban ban = request == null || request.ban() == null ? new Ban(null, null, null) : request.ban();
        Actor actor = actor();
        // a user registered a moment ago is a miss: waited for, and tried once more
        return catchUp.awaitWritten(Topics.USER_EVENTS)
                .chain(() -> catchUp.retryOnMiss(ReplicaMiss.PROFILE, () -> moderation.ban(actor, username,
                        ban.until(), ban.reason()), Topics.USER_EVENTS))
                .replaceWith(new BanResponse(new Ban(username, ban.until(), ban.reason())));
    }

    private Uni<QueueItem> item(long id) {
        return queries.one(id, UUID.fromString(caller.id())).map(QueueItem::from);
    }

    private Actor actor() {
        return new Actor(UUID.fromString(caller.id()), caller.username(), true);
    }
}
