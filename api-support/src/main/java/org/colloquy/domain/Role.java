package org.colloquy.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a user may do beyond their own content. Every user is a {@code user}; admins make moderators and admins.
 * Tokens carry the roles' names (claim {@code groups}).
 */
public enum Role {
    USER(Names.USER),
    /** Decides on held and reported comments, bans commenters, changes the moderation settings. */
    MODERATOR(Names.MODERATOR),
    /** A moderator who also grants and takes away roles. */
    ADMIN(Names.ADMIN);

    /** The names as constants, for annotations such as {@code @RolesAllowed(Role.Names.ADMIN)}. */
    public static final class Names {
        public static final String USER = "user";
        public static final String MODERATOR = "moderator";
        public static final String ADMIN = "admin";

        private Names() {
        }
    }

    /** Every role's name, in the order above. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Role::value).toList();

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** The name tokens and the API use. */
    public String value() {
        return value;
    }

    /** Whether a caller with these role names moderates: moderators and admins do. */
    public static boolean moderates(Set<String> names) {
        return names.contains(Names.MODERATOR) || names.contains(Names.ADMIN);
    }
}
