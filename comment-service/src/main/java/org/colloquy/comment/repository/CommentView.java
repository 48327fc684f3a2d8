package org.colloquy.comment.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import org.colloquy.comment.domain.Comment;
import org.colloquy.comment.domain.CommentStatus;

/** A comment as a reader sees it: a deleted comment kept for its replies shows a marker and no author. */
public record CommentView(long id, Long parentId, String body, CommentStatus status, Instant createdAt,
        Instant updatedAt, String authorUsername, String authorBio, String authorImage, boolean following,
        String articleSlug, String heldRule, String rejectReason, int flagCount) {

    static CommentView from(Row row) {
        CommentStatus status = CommentStatus.of(row.getString("status"));
        boolean deleted = status == CommentStatus.DELETED;
        return new CommentView(row.getLong("id"), row.getLong("parent_id"),
                deleted ? Comment.DELETED_MARKER : row.getString("body"), status,
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                deleted ? Comment.DELETED_MARKER : row.getString("username"), deleted ? null : row.getString("bio"),
                deleted ? null : row.getString("image"), !deleted && row.getBoolean("following"),
                row.getString("slug"), row.getString("held_rule"), row.getString("reject_reason"),
                row.getInteger("flag_count"));
    }
}
