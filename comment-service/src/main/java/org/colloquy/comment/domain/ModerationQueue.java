package org.colloquy.comment.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The lists a moderator works through: held comments, reported ones, and those already turned down. */
public enum ModerationQueue {
    /** Held (status pending), by a rule or by reports. */
    PENDING,
    /** Reported at least once since their last approval, whatever their state, unless deleted. */
    FLAGGED,
    /** Turned down (status rejected): a decision that can still be reversed. */
    REJECTED;

    /** The queues' names as the API takes them. */
    public static final List<String> NAMES = Arrays.stream(values()).map(ModerationQueue::value).toList();

    private final String value = name().toLowerCase(Locale.ROOT);

    public String value() {
        return value;
    }

    public static Optional<ModerationQueue> named(String name) {
        return Arrays.stream(values()).filter(queue -> queue.value.equals(name)).findFirst();
    }
}
