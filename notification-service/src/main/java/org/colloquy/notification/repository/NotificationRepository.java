package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.notification.domain.NotificationType;
import org.colloquy.persistence.Sql;

/**
 * Writes notifications in the consumer's transaction. Every insert skips the actor, users who turned the type off
 * and users who muted the article, and is unique per (event, recipient), so a redelivered event adds nothing.
 */
@ApplicationScoped
public class NotificationRepository {

    private final Sql sql;

    public NotificationRepository(Sql sql) {
        this.sql = sql;
    }

    /** What a notification says: its event, actor, article and comment (each may be null). */
    public record Subject(String eventId, UUID actorId, UUID articleId, String articleSlug, String articleTitle,
            Long commentId, String commentExcerpt, String detail) {
    }

    private static final String COLUMNS = "recipient_id, type, event_id, actor_id, actor_username, actor_image, "
            + "article_id, article_slug, article_title, comment_id, comment_excerpt, detail, created_at";

    /** $1 recipient, $2 type, $3 event, $4 actor, $5 article, $6 slug, $7 title, $8 comment, $9 excerpt, $10 detail */
    private static final String TO_ONE = "insert into notification (" + COLUMNS + ") "
            + "select cast($1 as uuid), $2, $3, cast($4 as uuid), u.username, u.image, cast($5 as uuid), "
            + "coalesce(cast($6 as text), a.slug), coalesce(cast($7 as text), a.title), cast($8 as bigint), "
            + "cast($9 as text), cast($10 as text), now() "
            + "from (select 1) one left join author u on u.user_id = cast($4 as uuid) "
            + "left join article_replica a on a.article_id = cast($5 as uuid) "
            + "where cast($1 as uuid) is distinct from cast($4 as uuid) "
            + wanted("cast($1 as uuid)", "$2", "cast($5 as uuid)") + " on conflict (event_id, recipient_id) do nothing";

    /** $1 author (actor), $2 event, $3 article, $4 slug, $5 title: one statement for any number of followers. */
    private static final String TO_FOLLOWERS = "insert into notification (" + COLUMNS + ") "
            + "select f.follower_id, '" + NotificationType.ARTICLE.value() + "', $2, cast($1 as uuid), u.username, "
            + "u.image, cast($3 as uuid), $4, $5, null, null, null, now() "
            + "from author_follow f left join author u on u.user_id = cast($1 as uuid) "
            + "where f.followee_id = cast($1 as uuid) and f.follower_id <> cast($1 as uuid) "
            + wanted("f.follower_id", "'" + NotificationType.ARTICLE.value() + "'", "cast($3 as uuid)")
            + " on conflict (event_id, recipient_id) do nothing";

    /** Like {@link #TO_ONE}, unless the recipient already has a follower notification from the same actor. */
    private static final String TO_ONE_UNLESS_FOLLOWED_BEFORE = TO_ONE.replace(" on conflict",
            " and not exists (select 1 from notification n where n.recipient_id = cast($1 as uuid) "
            + "and n.type = '" + NotificationType.FOLLOWER.value() + "' and n.actor_id = cast($4 as uuid)) "
            + "on conflict");

    /** The recipient has not turned the type off and has not muted the article. */
    private static String wanted(String recipient, String type, String article) {
        return "and not exists (select 1 from preference p where p.user_id = " + recipient
                + " and " + type + " = any(p.disabled_types)) "
                + "and (" + article + " is null or not exists (select 1 from muted_article m where m.user_id = "
                + recipient + " and m.article_id = " + article + "))";
    }

    /** Returns whether a notification was created. */
    public Uni<Boolean> notify(UUID recipient, NotificationType type, Subject subject) {
        return sql.update(TO_ONE, recipient, type.value(), subject.eventId(), subject.actorId(),
                subject.articleId(), subject.articleSlug(), subject.articleTitle(), subject.commentId(),
                subject.commentExcerpt(), subject.detail()).map(inserted -> inserted > 0);
    }

    /**
     * A user hears of a given follower once: following again after unfollowing (or a follow/unfollow loop) adds
     * nothing while an earlier follower notification from them is kept (read ones go after the retention period).
     */
    public Uni<Boolean> notifyNewFollower(UUID recipient, Subject subject) {
        return sql.update(TO_ONE_UNLESS_FOLLOWED_BEFORE, recipient, NotificationType.FOLLOWER.value(),
                subject.eventId(), subject.actorId(), null, null, null, null, null, null).map(inserted -> inserted > 0);
    }

    /** Returns how many followers were notified. */
    public Uni<Integer> notifyFollowers(UUID authorId, String eventId, UUID articleId, String slug, String title) {
        return sql.update(TO_FOLLOWERS, authorId, eventId, articleId, slug, title);
    }

    /** A comment deleted before it was read is not announced any more. */
    public Uni<Integer> withdrawUnread(long commentId) {
        return sql.update("delete from notification where comment_id = cast($1 as bigint) and read_at is null",
                commentId);
    }

}
