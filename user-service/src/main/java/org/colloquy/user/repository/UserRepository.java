package org.colloquy.user.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import org.colloquy.user.domain.User;

/** Look-ups by the unique, case-insensitive username and e-mail use the lower() indexes. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /**
     * Locks the user's row for the transaction. Every write that announces an event keyed by this user (profile,
     * password, roles, follows) takes it first: such writes serialize, so their outbox rows commit in {@code seq}
     * order and the relay publishes the user's events in the order they happened; a check and the change it decides
     * (follow only if not following yet) see no concurrent change in between. Null if there is no such user.
     */
    public Uni<User> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** {@link #lock} by the case-insensitive username. */
    public Uni<User> lockByUsername(String username) {
        return byUsername(username).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<User> findByUsername(String username) {
        return byUsername(username).firstResult();
    }

    private PanacheQuery<User> byUsername(String username) {
        return find("lower(username) = lower(?1)", username);
    }

    public Uni<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult();
    }

    public Uni<Boolean> usernameTaken(String username, UUID except) {
        return count("lower(username) = lower(?1) and id <> ?2", username, except).map(count -> count > 0);
    }

    public Uni<Boolean> emailTaken(String email, UUID except) {
        return count("lower(email) = lower(?1) and id <> ?2", email, except).map(count -> count > 0);
    }
}
