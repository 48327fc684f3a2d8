package org.colloquy.user.domain;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The roles a token can carry: {@code user} for everyone, {@code moderator} and {@code admin} granted by an admin. */
public final class Roles {

    public static final String USER = "user";
    public static final String MODERATOR = "moderator";
    public static final String ADMIN = "admin";
    public static final Set<String> ALL = Set.of(USER, MODERATOR, ADMIN);

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
