package org.colloquy.comment.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.colloquy.messaging.NativeSql;

/** The replicas of articles, authors and follows, kept from article.events and user.events. */
@ApplicationScoped
public class ReplicaRepository {

    public record ArticleRef(UUID id, String slug, UUID authorId, boolean published) {
    }

    public Uni<Void> article(UUID id, String slug, UUID authorId, boolean published) {
        return NativeSql.execute("""
                insert into article_replica (article_id, slug, author_id, published) values (?1, ?2, ?3, ?4)
                on conflict (article_id) do update set slug = excluded.slug, author_id = excluded.author_id,
                published = excluded.published""", id, slug, authorId, published)
                .chain(() -> slug(slug, id));
    }

    /** Follows a slug change; the article keeps its author. */
    public Uni<Void> renamed(UUID id, String slug) {
        return NativeSql.execute("update article_replica set slug = ?2 where article_id = ?1", id, slug)
                .chain(() -> slug(slug, id));
    }

    public Uni<Void> published(UUID id, boolean published) {
        return NativeSql.execute("update article_replica set published = ?2 where article_id = ?1", id, published);
    }

    public Uni<ArticleRef> articleForSlug(String slug) {
        return NativeSql.list("""
                select cast(a.article_id as text), a.slug, cast(a.author_id as text), a.published
                from article_replica_slug s join article_replica a on a.article_id = s.article_id where s.slug = ?1""",
                slug).map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = (Object[]) rows.get(0);
                    return new ArticleRef(UUID.fromString(row[0].toString()), row[1].toString(),
                            UUID.fromString(row[2].toString()), (Boolean) row[3]);
                });
    }

    public Uni<ArticleRef> articleOf(UUID articleId) {
        return NativeSql.list("select a.slug, cast(a.author_id as text), a.published from article_replica a "
                + "where a.article_id = ?1", articleId).map(rows -> {
                    Object[] row = (Object[]) rows.get(0);
                    return new ArticleRef(articleId, row[0].toString(), UUID.fromString(row[1].toString()),
                            (Boolean) row[2]);
                });
    }

    public Uni<Void> author(UUID userId, String username, String bio, String image) {
        return NativeSql.execute("""
                insert into author (user_id, username, bio, image) values (?1, ?2, ?3, ?4)
                on conflict (user_id) do update set username = excluded.username, bio = excluded.bio,
                image = excluded.image""", userId, username, bio, image);
    }

    /** A new account: its profile and when it was registered (the age that lets its reports count). */
    public Uni<Void> registered(UUID userId, String username, String bio, String image, Instant registeredAt) {
        return NativeSql.execute("""
                insert into author (user_id, username, bio, image, registered_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (user_id) do update set username = excluded.username, bio = excluded.bio,
                image = excluded.image, registered_at = excluded.registered_at""", userId, username, bio, image,
                registeredAt.atOffset(ZoneOffset.UTC));
    }

    /** Null while the account's registration has not been consumed. */
    public Uni<Instant> registeredAt(UUID userId) {
        return NativeSql.list("select registered_at from author where user_id = ?1", userId)
                .map(rows -> rows.isEmpty() || rows.get(0) == null ? null : toInstant(rows.get(0)));
    }

    /**
     * The author's name as the replica knows it, for a writer whose registration may not have been consumed yet: the
     * row is added with the token's name if it is missing. One statement (a comment post made two).
     */
    public Uni<String> provisionalAuthor(UUID userId, String username) {
        return NativeSql.list("""
                with added as (insert into author (user_id, username) values (?1, ?2) on conflict do nothing
                  returning username)
                select username from added union all select username from author where user_id = ?1 limit 1""",
                userId, username).map(rows -> rows.isEmpty() ? username : rows.get(0).toString());
    }

    public Uni<String> username(UUID userId) {
        return NativeSql.list("select username from author where user_id = ?1", userId)
                .map(rows -> rows.isEmpty() ? null : rows.get(0).toString());
    }

    public Uni<UUID> userIdOf(String username) {
        return NativeSql.list("select cast(user_id as text) from author where lower(username) = lower(?1)", username)
                .map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0).toString()));
    }

    public Uni<Void> follow(UUID followerId, UUID followeeId) {
        return NativeSql.execute("insert into author_follow values (?1, ?2) on conflict do nothing", followerId,
                followeeId);
    }

    public Uni<Void> unfollow(UUID followerId, UUID followeeId) {
        return NativeSql.execute("delete from author_follow where follower_id = ?1 and followee_id = ?2", followerId,
                followeeId);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }

    private Uni<Void> slug(String slug, UUID id) {
        return NativeSql.execute("insert into article_replica_slug (slug, article_id) values (?1, ?2) "
                + "on conflict (slug) do update set article_id = excluded.article_id", slug, id);
    }
}
