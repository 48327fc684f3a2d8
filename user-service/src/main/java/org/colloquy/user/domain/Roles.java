package org.colloquy.user.domain;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.colloquy.domain.Role;

/**
 * A user's {@link Role}s as the {@code users.roles} column holds them: their names, sorted, comma-separated, with
 * {@code user} always present.
 */
public final class Roles {

    private static final String USER = Role.USER.value();

    public static Set<String> parse(String roles) {
        Set<String> parsed = Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        parsed.add(USER);
        return parsed;
    }

    /** Sorted, with {@code user} always present. */
    public static String format(Set<String> roles) {
        Set<String> sorted = new TreeSet<>(roles);
        sorted.add(USER);
        return String.join(",", sorted);
    }

    private Roles() {
    }
}
