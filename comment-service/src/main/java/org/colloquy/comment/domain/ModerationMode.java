package org.colloquy.comment.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which comments wait for a moderator before anyone else sees them, beyond those the content rules hold. */
public enum ModerationMode {
    /** Only what the content rules and reports hold. */
    OFF,
    /** Also a user's first comment. */
    FIRST_COMMENT,
    /** Every comment (pre-moderation). */
    ALL;

    /** The modes' names as the API and the settings table take them. */
    public static final List<String> NAMES = Arrays.stream(values()).map(ModerationMode::value).toList();

    private final String value = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String value() {
        return value;
    }

    public static Optional<ModerationMode> named(String name) {
        return Arrays.stream(values()).filter(mode -> mode.value.equals(name)).findFirst();
    }
}
