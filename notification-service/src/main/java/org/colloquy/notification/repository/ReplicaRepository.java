package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.api.TokenVersions;
import org.colloquy.messaging.NativeSql;

/** Users, articles, the follow graph and revoked token versions, as the events describe them. */
@ApplicationScoped
public class ReplicaRepository {

    public Uni<Void> user(UUID id, String username, String image) {
        return NativeSql.execute("""
                insert into user_replica (user_id, username, image) values (?1, ?2, ?3)
                on conflict (user_id) do update set username = excluded.username, image = excluded.image""",
                id, username, image);
    }

    /** Records a user known from another event, without overwriting what UserRegistered said. */
    public Uni<Void> knownUser(UUID id, String username) {
        return NativeSql.execute("insert into user_replica (user_id, username) values (?1, ?2) on conflict do nothing",
                id, username);
    }

    public Uni<UUID> userIdOf(String username) {
        return NativeSql.list("select cast(user_id as text) from user_replica where lower(username) = lower(?1)",
                username).map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0).toString()));
    }

    public Uni<Void> article(UUID id, String slug, String title, UUID authorId) {
        return NativeSql.execute("""
                insert into article_replica (article_id, slug, title, author_id) values (?1, ?2, ?3, ?4)
                on conflict (article_id) do update set slug = excluded.slug, title = excluded.title""",
                id, slug, title, authorId);
    }

    public Uni<Void> articleChanged(UUID id, String slug, String title) {
        return NativeSql.execute("update article_replica set slug = ?2, title = ?3 where article_id = ?1", id, slug,
                title);
    }

    public Uni<UUID> articleIdOf(String slug) {
        return NativeSql.list("select cast(article_id as text) from article_replica where slug = ?1", slug)
                .map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0).toString()));
    }

    public Uni<Void> follow(UUID followerId, UUID followeeId) {
        return NativeSql.execute("insert into follower (followee_id, follower_id) values (?1, ?2) "
                + "on conflict do nothing", followeeId, followerId);
    }

    public Uni<Void> unfollow(UUID followerId, UUID followeeId) {
        return NativeSql.execute("delete from follower where followee_id = ?1 and follower_id = ?2", followeeId,
                followerId);
    }

    /** Tokens of this user below {@code version} are refused from now on (api-support's TokenVersions). */
    public Uni<Void> revokeTokensBelow(UUID userId, long version) {
        return NativeSql.execute(TokenVersions.RECORD, userId, version);
    }
}
