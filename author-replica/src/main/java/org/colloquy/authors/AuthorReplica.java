package org.colloquy.authors;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.colloquy.api.TokenVersions;
import org.colloquy.persistence.Sql;

/**
 * What a service knows of users, kept from user.events: the {@code author} and {@code author_follow} tables of
 * {@code R__colloquy_author_replica.sql}, and the revoked token versions ({@link TokenVersions}). Every statement
 * runs in the caller's transaction ({@link Sql}), the inbox's or the request's; every write is idempotent, since an
 * event may be delivered again.
 */
@ApplicationScoped
public class AuthorReplica {

    private final Sql sql;

    public AuthorReplica(Sql sql) {
        this.sql = sql;
    }

    /** A new account: its profile and when it was registered. */
    public Uni<Void> registered(UUID userId, String username, String bio, String image, Instant registeredAt) {
        return sql.execute("""
                insert into author (user_id, username, bio, image, registered_at) values ($1, $2, $3, $4, $5)
                on conflict (user_id) do update set username = excluded.username, bio = excluded.bio,
                image = excluded.image, registered_at = excluded.registered_at""", userId, username, bio, image,
                registeredAt);
    }

    public Uni<Void> profileChanged(UUID userId, String username, String bio, String image) {
        return sql.execute("""
                insert into author (user_id, username, bio, image) values ($1, $2, $3, $4)
                on conflict (user_id) do update set username = excluded.username, bio = excluded.bio,
                image = excluded.image""", userId, username, bio, image);
    }

    /**
     * The name of a writer whose registration may not have been consumed yet: the row is added with the token's name
     * if it is missing (never overwritten), and the replica's name is returned. One statement.
     */
    public Uni<String> provisional(UUID userId, String username) {
        return sql.first("""
                with added as (insert into author (user_id, username) values ($1, $2) on conflict do nothing
                  returning username)
                select username from added union all select username from author where user_id = $1 limit 1""",
                row -> row.getString("username"), userId, username).map(name -> name == null ? username : name);
    }

    /** Null while the user is unknown here. */
    public Uni<String> username(UUID userId) {
        return sql.first("select username from author where user_id = $1", row -> row.getString("username"), userId);
    }

    /** Null while no user of that name (in any case) is known here. */
    public Uni<UUID> userIdOf(String username) {
        return sql.first("select user_id from author where lower(username) = lower($1)",
                row -> row.getUUID("user_id"), username);
    }

    /** Null while the account's registration has not been consumed. */
    public Uni<Instant> registeredAt(UUID userId) {
        return sql.first("select registered_at from author where user_id = $1",
                row -> Sql.instant(row, "registered_at"), userId);
    }

    public Uni<Void> follow(UUID followerId, UUID followeeId) {
        return sql.execute("insert into author_follow (follower_id, followee_id) values ($1, $2) "
                + "on conflict do nothing", followerId, followeeId);
    }

    public Uni<Void> unfollow(UUID followerId, UUID followeeId) {
        return sql.execute("delete from author_follow where follower_id = $1 and followee_id = $2", followerId,
                followeeId);
    }

    /** Tokens of this user below {@code version} are refused from now on. */
    public Uni<Void> revokeTokensBelow(UUID userId, long version) {
        return sql.execute(TokenVersions.RECORD, userId, version);
    }
}
