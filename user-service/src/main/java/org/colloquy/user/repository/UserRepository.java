package org.colloquy.user.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.user.domain.User;

/** Look-ups by the unique, case-insensitive username and e-mail use the lower() indexes. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Uni<User> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
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
