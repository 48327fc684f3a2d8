package org.colloquy.user.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.colloquy.domain.Role;
import org.colloquy.persistence.InTransaction;
import org.colloquy.user.domain.User;
import org.colloquy.user.repository.UserRepository;

/**
 * The first administrators come from the operator: at start-up, the accounts named in
 * {@code colloquy.users.initial-admins} that already exist get the {@code admin} role. A listed name that nobody has
 * registered yet grants nothing, not even later: otherwise whoever registered it first would become admin. The
 * operator registers the account, then restarts the service. No request can grant the role otherwise.
 */
@ApplicationScoped
public class InitialAdmins {

    private final Set<String> usernames;
    private final UserRepository users;

    public InitialAdmins(UserSettings settings, UserRepository users) {
        this.usernames = settings.initialAdmins().orElse(List.of()).stream()
                .map(name -> name.trim().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        this.users = users;
    }

    /** Start-up is not on an event loop: the grant runs on a Vert.x context and start-up waits for it. */
    void grantAtStartup(@Observes StartupEvent event) throws Throwable {
        if (!usernames.isEmpty()) {
            VertxContextSupport.subscribeAndAwait(this::grantExisting);
        }
    }

    /**
     * Gaining a role ends no session: tokens issued before carry fewer rights, never more. The admin's next log-in
     * carries the role.
     */
    @InTransaction
    Uni<Void> grantExisting() {
        return users.lockByUsernames(usernames).call(existing -> {
            Set<String> granted = new TreeSet<>();
            Uni<Void> stored = Uni.createFrom().voidItem();
            for (User user : existing) {
                Set<String> roles = new TreeSet<>(user.roleSet());
                roles.add(Role.ADMIN.value());
                if (user.grant(roles)) {
                    stored = stored.call(() -> users.update(user));
                }
                granted.add(user.username);
            }
            Set<String> unregistered = new TreeSet<>(usernames);
            existing.forEach(user -> unregistered.remove(user.username.toLowerCase(Locale.ROOT)));
            if (!granted.isEmpty()) {
                Log.infof("Initial admins (colloquy.users.initial-admins) have the admin role: %s", granted);
            }
            if (!unregistered.isEmpty()) {
                Log.warnf("Initial admins %s are not registered, so they are not admins: register these accounts, "
                        + "then restart user-service to grant them the admin role", unregistered);
            }
            return stored;
        }).replaceWithVoid();
    }
}
