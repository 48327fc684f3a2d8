package org.colloquy.comment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.colloquy.comment.domain.ModerationSettings;
import org.colloquy.comment.repository.CommentView;

/** Bodies of the comment and moderation endpoints: the RealWorld shapes plus the documented extensions. */
public final class CommentMessages {

    public record NewCommentRequest(NewComment comment) {
    }

    public record NewComment(String body, Long parentId) {
    }

    public record CommentResponse(CommentBody comment) {
        static CommentResponse from(CommentView view) {
            return new CommentResponse(CommentBody.from(view));
        }
    }

    public record CommentsResponse(List<CommentBody> comments, long commentsCount) {
    }

    /** {@code parentId} (null for top-level comments) and {@code status} extend the RealWorld comment. */
    public record CommentBody(long id, String body, Instant createdAt, Instant updatedAt, AuthorBody author,
            Long parentId, String status) {
        static CommentBody from(CommentView view) {
            return new CommentBody(view.id(), view.body(), view.createdAt(), view.updatedAt(),
                    new AuthorBody(view.authorUsername(), view.authorBio(), view.authorImage(), view.following()),
                    view.parentId(), view.status().value());
        }
    }

    public record AuthorBody(String username, String bio, String image, boolean following) {
    }

    public record FlagRequest(Flag flag) {
    }

    public record Flag(String reason, String note) {
    }

    public record FlagResponse(Flag flag) {
    }

    public record RejectRequest(String reason) {
    }

    public record BanRequest(Ban ban) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ban(String username, Instant until, String reason) {
    }

    public record BanResponse(Ban ban) {
    }

    public record SettingsMessage(ModerationSettings settings) {
    }

    /** A queue entry: the comment with where it is and why it waits. */
    public record QueueItem(CommentBody comment, String articleSlug, String heldRule, String rejectReason,
            int flagCount) {
        static QueueItem from(CommentView view) {
            return new QueueItem(CommentBody.from(view), view.articleSlug(), view.heldRule(), view.rejectReason(),
                    view.flagCount());
        }
    }

    public record QueueResponse(List<QueueItem> comments, long commentsCount) {
    }

    private CommentMessages() {
    }
}
