package org.colloquy.comment.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.colloquy.comment.repository.CommentQueries;
import org.colloquy.comment.rest.CommentMessages.CommentBody;
import org.colloquy.comment.rest.CommentMessages.CommentResponse;
import org.colloquy.comment.rest.CommentMessages.CommentsResponse;
import org.colloquy.comment.rest.CommentMessages.Flag;
import org.colloquy.comment.rest.CommentMessages.FlagRequest;
import org.colloquy.comment.rest.CommentMessages.FlagResponse;
import org.colloquy.comment.rest.CommentMessages.NewCommentRequest;
import org.colloquy.comment.service.CommentService;
import org.colloquy.comment.service.CommentService.Actor;
import org.colloquy.comment.service.ModerationService;
import org.colloquy.events.Topics;
import org.colloquy.messaging.catchup.CatchUp;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** RealWorld comments plus replies, edits and reader reports. */
@Path("/api/articles/{slug}/comments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Comments")
public class CommentsResource {

    public static final int LIMIT_DEFAULT = 100;
    public static final int LIMIT_MAX = 500;

    private final CommentService comments;
    private final ModerationService moderation;
    private final CommentQueries queries;
    private final CatchUp catchUp;
    private final Caller caller;

    public CommentsResource(CommentService comments, ModerationService moderation, CommentQueries queries,
            CatchUp catchUp, Caller caller) {
        this.comments = comments;
        this.moderation = moderation;
        this.queries = queries;
        this.catchUp = catchUp;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The discussion of a published article, oldest first", description = "Anonymous reads "
            + "allowed; limit 1-500 (default 100), offset >= 0. Held and rejected comments are listed for their "
            + "author and moderators only; a deleted comment with replies stays as a marker.")
    public Uni<CommentsResponse> list(@PathParam("slug") String slug, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging page = Paging.of(limit, offset, LIMIT_DEFAULT, LIMIT_MAX);
        // the caller's own writes first (an article they just unpublished, a follow); anyone else's only on a miss
        return caller.viewerIfAuthenticated().chain(viewer -> catchUp.awaitWritten(Topics.ARTICLE_EVENTS,
                Topics.USER_EVENTS)
                .chain(() -> catchUp.retryOnMiss(ReplicaMiss.ARTICLE, () -> comments.discussion(slug,
                        viewer.map(v -> UUID.fromString(v.id())).orElse(null),
                        viewer.map(Caller.Viewer::isModerator).orElse(false), page.limit(), page.offset()),
                        Topics.ARTICLE_EVENTS)))
                .map(result -> new CommentsResponse(result.comments().stream().map(CommentBody::from).toList(),
                        result.count()));
    }

    @POST
    @Authenticated
    @ResponseStatus(201)
    @Operation(summary = "Comment on a published article", description = "Optional parentId replies to a comment "
            + "of the same article. The moderation rules may hold it for review (status pending), reject it (422 for "
            + "a banned word), or refuse it (403 banned user, 429 over the rate limit).")
    public Uni<CommentResponse> post(@PathParam("slug") String slug, NewCommentRequest request) {
        if (request == null || request.comment() == null) {
            throw ApiException.invalid("comment", "can't be blank");
        }
        Actor actor = actor();
        // an article published a moment ago by someone else is a miss: waited for, and tried once more
        return catchUp.awaitWritten(Topics.ARTICLE_EVENTS)
                .chain(() -> catchUp.retryOnMiss(ReplicaMiss.ARTICLE, () -> comments.post(actor, slug,
                        request.comment().body(), request.comment().parentId()), Topics.ARTICLE_EVENTS))
                .chain(this::view);
    }

    @PUT
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Extension: the author edits a comment within the edit window")
    public Uni<CommentResponse> edit(@PathParam("slug") String slug, @PathParam("id") long id,
            NewCommentRequest request) {
        if (request == null || request.comment() == null) {
            throw ApiException.invalid("comment", "can't be blank");
        }
        Actor actor = actor();
        return catchUp.retryOnMiss(ReplicaMiss.ARTICLE, () -> comments.edit(actor, slug, id,
                request.comment().body()), Topics.ARTICLE_EVENTS).chain(this::view);
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @ResponseStatus(204)
    @Operation(summary = "Delete a comment (its author or a moderator)")
    public Uni<Void> delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Actor actor = actor();
        return catchUp.retryOnMiss(ReplicaMiss.ARTICLE, () -> comments.delete(actor, slug, id),
                Topics.ARTICLE_EVENTS);
    }

    @POST
    @Path("/{id}/flags")
    @Authenticated
    @ResponseStatus(201)
    @Operation(summary = "Extension: report a comment", description = "Body {\"flag\":{\"reason\":\"spam|abuse|"
            + "off-topic|other\",\"note\":\"...\"}}; once per reader (409 on a repeat). Reports from accounts younger "
            + "than the minimum account age are recorded but do not hold the comment.")
    public Uni<FlagResponse> flag(@PathParam("slug") String slug, @PathParam("id") long id, FlagRequest request) {
        if (request == null || request.flag() == null) {
            throw ApiException.invalid("flag", "can't be blank");
        }
        Actor actor = actor();
        // the reporter's own user.events writes first; an account the replica does not know yet is too young to count
        return catchUp.awaitWritten(Topics.USER_EVENTS)
                .chain(() -> catchUp.retryOnMiss(ReplicaMiss.ARTICLE, () -> moderation.flag(actor, slug, id,
                        request.flag().reason(), request.flag().note()), Topics.ARTICLE_EVENTS))
                .replaceWith(new FlagResponse(new Flag(request.flag().reason(), request.flag().note())));
    }

    private Uni<CommentResponse> view(long id) {
        return queries.one(id, UUID.fromString(caller.id())).map(CommentResponse::from);
    }

    private Actor actor() {
        return new Actor(UUID.fromString(caller.id()), caller.username(), caller.isModerator());
    }
}
