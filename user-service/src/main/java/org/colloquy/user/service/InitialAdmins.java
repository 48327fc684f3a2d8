package org.colloquy.user.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.colloquy.user.domain.Roles;
import org.colloquy.user.repository.UserRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first administrators come from the operator: the usernames in {@code colloquy.users.initial-admins} get the
 * {@code admin} role when they register, and at start-up if they already exist. No request can grant it otherwise.
 */
@ApplicationScoped
public class InitialAdmins {

    private final Set<String> usernames;
    private final UserRepository users;

    public InitialAdmins(@ConfigProperty(name = "colloquy.users.initial-admins") Optional<List<String>> usernames,
            UserRepository users) {
        this.usernames = usernames.orElse(List.of()).stream().map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.users = users;
    }

    public boolean includes(String username) {
        return usernames.contains(username.toLowerCase(Locale.ROOT));
    }

    /** Start-up is not on an event loop: the grant runs on a Vert.x context and start-up waits for it. */
    void grantAtStartup(@Observes StartupEvent event) throws Throwable {
        if (!usernames.isEmpty()) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::grantExisting));
            Log.infof("Initial admins configured: %s", usernames);
        }
    }

    private Uni<Void> grantExisting() {
        return users.list("lower(username) in ?1", usernames).invoke(list -> list.forEach(user -> {
            Set<String> roles = new TreeSet<>(user.roleSet());
            roles.add(Roles.ADMIN);
            user.grant(roles);
        })).replaceWithVoid();
    }
}
