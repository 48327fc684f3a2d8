package org.colloquy.notification.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification as its recipient reads it. */
public record NotificationView(long id, UUID recipientId, String type, Instant createdAt, Instant readAt,
        String actorUsername, String actorImage, String articleSlug, String articleTitle, Long commentId,
        String commentExcerpt, String detail) {

    static final String COLUMNS = "id, recipient_id, type, created_at, read_at, actor_username, actor_image, "
            + "article_slug, article_title, comment_id, comment_excerpt, detail";

    static NotificationView from(Row row) {
        return new NotificationView(row.getLong("id"), row.getUUID("recipient_id"), row.getString("type"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("read_at")),
                row.getString("actor_username"), row.getString("actor_image"), row.getString("article_slug"),
                row.getString("article_title"), row.getLong("comment_id"), row.getString("comment_excerpt"),
                row.getString("detail"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
