package org.colloquy.user.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.NotFound;
import org.colloquy.domain.Role;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;
import org.colloquy.user.domain.User;
import org.colloquy.user.repository.UserRepository;

/**
 * Admins grant and take back roles. A change ends the user's sessions (tokens carry the roles), announced in the
 * same transaction, so a demoted moderator loses the role everywhere once the event arrives; the next log-in
 * carries the new roles.
 */
@ApplicationScoped
public class RoleService {

    private final UserRepository users;
    private final Outbox outbox;

    public RoleService(UserRepository users, Outbox outbox) {
        this.users = users;
        this.outbox = outbox;
    }

    @InTransaction
    public Uni<User> setRoles(String adminId, String username, List<String> roles) {
        if (roles == null) {
            return Uni.createFrom().failure(new Invalid("roles", "can't be blank"));
        }
        if (roles.contains(null)) {
            return Uni.createFrom().failure(new Invalid("roles", "must not contain null"));
        }
        Set<String> wanted = new TreeSet<>(roles);
        if (!Role.NAMES.containsAll(wanted)) {
            return Uni.createFrom().failure(new Invalid("roles", "must be among " + new TreeSet<>(Role.NAMES)));
        }
        return users.lockByUsername(username).onItem().ifNull().failWith(() -> new NotFound("profile"))
                .call(user -> {
                    if (user.id.toString().equals(adminId) && !wanted.contains(Role.ADMIN.value())) {
                        throw new Invalid("roles", "an admin cannot take away their own admin role");
                    }
                    if (!user.changeRoles(wanted)) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("Admin %s set the roles of user %s to %s; sessions before token version %d end",
                            adminId, user.id, user.roleSet(), user.tokenVersion);
                    return users.update(user).chain(() -> outbox.append(
                            new UserSessionsRevoked(user.id.toString(), user.tokenVersion, Instant.now())));
                });
    }
}
