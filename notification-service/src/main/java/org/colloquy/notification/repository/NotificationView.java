package org.colloquy.notification.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification as its recipient reads it. */
public record NotificationView(long id, UUID recipientId, String type, Instant createdAt, Instant readAt,
        String actorUsername, String actorImage, String articleSlug, String articleTitle, Long commentId,
        String commentExcerpt, String detail) {

    /**
     * The actor's name and image and the article's slug and title come from the replicas when they have them (they
     * follow renames and new images), else from the notification itself, as it was written.
     */
    static final String COLUMNS = "n.id, n.recipient_id, n.type, n.created_at, n.read_at, "
            + "coalesce(u.username, n.actor_username) as actor_username, "
            + "case when u.user_id is null then n.actor_image else u.image end as actor_image, "
            + "coalesce(a.slug, n.article_slug) as article_slug, "
            + "coalesce(a.title, n.article_title) as article_title, n.comment_id, n.comment_excerpt, n.detail";

    /** The replicas joined to notifications {@code n}, for {@link #COLUMNS}. */
    static final String REPLICAS = " left join author u on u.user_id = n.actor_id"
            + " left join article_replica a on a.article_id = n.article_id";

    /** The table with the replicas joined, for {@link #COLUMNS}. */
    static final String FROM = " from notification n" + REPLICAS;

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
