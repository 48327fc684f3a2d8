package org.colloquy.user.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.colloquy.domain.Conflict;
import org.colloquy.persistence.Sql;
import org.colloquy.user.domain.User;

/** Accounts. Look-ups by the unique, case-insensitive username and e-mail use the lower() indexes. */
@ApplicationScoped
public class UserRepository {

    private static final String SELECT = """
            select id, username, email, password_hash, bio, image, roles, created_at, updated_at, token_version
            from app_user""";

    private final Sql sql;

    public UserRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<User> findById(UUID id) {
        return sql.first(SELECT + " where id = $1", UserRepository::user, id);
    }

    /**
     * Locks the user's row for the transaction. Every write that announces an event keyed by this user (profile,
     * password, roles, follows) takes it first: such writes serialize, so their outbox rows commit in {@code seq}
     * order and the relay publishes the user's events in the order they happened; a check and the change it decides
     * (follow only if not following yet) see no concurrent change in between. Null if there is no such user.
     */
    public Uni<User> lock(UUID id) {
        return sql.first(SELECT + " where id = $1 for update", UserRepository::user, id);
    }

    /** {@link #lock} by the case-insensitive username. */
    public Uni<User> lockByUsername(String username) {
        return sql.first(SELECT + " where lower(username) = lower($1) for update", UserRepository::user, username);
    }

    public Uni<User> findByUsername(String username) {
        return sql.first(SELECT + " where lower(username) = lower($1)", UserRepository::user, username);
    }

    public Uni<User> findByEmail(String email) {
        return sql.first(SELECT + " where lower(email) = lower($1)", UserRepository::user, email);
    }

    /** The accounts with these lower-case usernames, locked. */
    public Uni<List<User>> lockByUsernames(Collection<String> lowerCaseUsernames) {
        return sql.list(SELECT + " where lower(username) = any($1) for update", UserRepository::user,
                (Object) lowerCaseUsernames.toArray(String[]::new));
    }

    public Uni<Boolean> usernameTaken(String username, UUID except) {
        return exists("select 1 from app_user where lower(username) = lower($1) and id <> $2", username, except);
    }

    public Uni<Boolean> emailTaken(String email, UUID except) {
        return exists("select 1 from app_user where lower(email) = lower($1) and id <> $2", email, except);
    }

    /** A username or e-mail taken meanwhile (the unique indexes) is a {@link Conflict} on that field. */
    public Uni<Void> insert(User user) {
        return sql.execute("""
                insert into app_user (id, username, email, password_hash, bio, image, roles, created_at, updated_at,
                    token_version)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""", user.id, user.username, user.email,
                user.passwordHash, user.bio, user.image, user.roles, user.createdAt, user.updatedAt,
                user.tokenVersion).onFailure(UniqueViolation::is).transform(UniqueViolation::toConflict);
    }

    /** Stores every field the account's methods and its owner may change; conflicts as {@link #insert}. */
    public Uni<Void> update(User user) {
        return sql.execute("""
                update app_user set username = $2, email = $3, password_hash = $4, bio = $5, image = $6, roles = $7,
                    updated_at = $8, token_version = $9
                where id = $1""", user.id, user.username, user.email, user.passwordHash, user.bio, user.image,
                user.roles, user.updatedAt, user.tokenVersion)
                .onFailure(UniqueViolation::is).transform(UniqueViolation::toConflict);
    }

    private Uni<Boolean> exists(String query, Object... parameters) {
        return sql.first(query, row -> true, parameters).map(found -> found != null);
    }

    private static User user(Row row) {
        User user = new User();
        user.id = row.getUUID("id");
        user.username = row.getString("username");
        user.email = row.getString("email");
        user.passwordHash = row.getString("password_hash");
        user.bio = row.getString("bio");
        user.image = row.getString("image");
        user.roles = row.getString("roles");
        user.createdAt = Sql.instant(row, "created_at");
        user.updatedAt = Sql.instant(row, "updated_at");
        user.tokenVersion = row.getInteger("token_version");
        return user;
    }
}
