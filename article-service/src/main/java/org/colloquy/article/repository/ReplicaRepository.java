package org.colloquy.article.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.colloquy.api.TokenVersions;
import org.colloquy.messaging.NativeSql;
import java.util.UUID;

/** The replicas of authors, follows and token versions that user.events feed; idempotent upserts and deletes. */
@ApplicationScoped
public class ReplicaRepository {

    public Uni<Void> upsertAuthor(UUID userId, String username, String bio, String image) {
        return NativeSql.execute("""
                insert into author (user_id, username, bio, image) values (?1, ?2, ?3, ?4)
                on conflict (user_id) do update set username = excluded.username, bio = excluded.bio,
                image = excluded.image""", userId, username, bio, image);
    }

    /** An author known only from their token until their UserRegistered event arrives; never overwrites. */
    public Uni<Void> provisionalAuthor(UUID userId, String username) {
        return NativeSql.execute("insert into author (user_id, username) values (?1, ?2) on conflict do nothing",
                userId, username);
    }

    public Uni<String> usernameOf(UUID userId) {
        return NativeSql.list("select username from author where user_id = ?1", userId)
                .map(rows -> rows.isEmpty() ? userId.toString() : rows.get(0).toString());
    }

    public Uni<Void> follow(UUID followerId, UUID followeeId) {
        return NativeSql.execute("insert into author_follow (follower_id, followee_id) values (?1, ?2) "
                + "on conflict do nothing", followerId, followeeId);
    }

    public Uni<Void> unfollow(UUID followerId, UUID followeeId) {
        return NativeSql.execute("delete from author_follow where follower_id = ?1 and followee_id = ?2", followerId,
                followeeId);
    }

    /** Tokens of this user below {@code version} are refused from now on (api-support's TokenVersions). */
    public Uni<Void> revokeTokensBelow(UUID userId, long version) {
        return NativeSql.execute(TokenVersions.RECORD, userId, version);
    }

    public Uni<Void> countComment(UUID articleId, int delta) {
        return NativeSql.execute("update article set comments_count = greatest(0, comments_count + ?2) where id = ?1",
                articleId, delta);
    }
}
