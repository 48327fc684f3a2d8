package org.colloquy.user.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.colloquy.api.ApiException;
import org.colloquy.user.domain.Roles;
import org.colloquy.user.domain.User;
import org.colloquy.user.repository.UserRepository;

/** Admins grant and take back roles; they take effect with the user's next token. */
@ApplicationScoped
public class RoleService {

    private final UserRepository users;

    public RoleService(UserRepository users) {
        this.users = users;
    }

    @WithTransaction
    public Uni<User> setRoles(String adminId, String username, List<String> roles) {
        if (roles == null) {
            return Uni.createFrom().failure(ApiException.invalid("roles", "can't be blank"));
        }
        Set<String> wanted = new TreeSet<>(roles);
        if (!Roles.ALL.containsAll(wanted)) {
            return Uni.createFrom().failure(ApiException.invalid("roles", "must be among " + new TreeSet<>(Roles.ALL)));
        }
        return users.findByUsername(username).onItem().ifNull().failWith(() -> ApiException.notFound("profile"))
                .invoke(user -> {
                    if (user.id.toString().equals(adminId) && !wanted.contains(Roles.ADMIN)) {
                        throw ApiException.invalid("roles", "an admin cannot take away their own admin role");
                    }
                    user.grant(wanted);
                    Log.infof("Admin %s set the roles of user %s to %s", adminId, user.id, user.roleSet());
                });
    }
}
