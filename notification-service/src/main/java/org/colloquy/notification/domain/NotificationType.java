package org.colloquy.notification.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a notification is about, and who gets it; stored and shown by its {@link #value()}. */
public enum NotificationType {

    /** To the article's author, when a comment on their article becomes visible. */
    COMMENT,
    /** To the author of the comment replied to. */
    REPLY,
    /** To a user mentioned as {@code @username} in a visible comment. */
    MENTION,
    /** To each follower of an author who published an article. */
    ARTICLE,
    /** To a user someone started following. */
    FOLLOWER,
    /** To a comment's author when a moderator approved or rejected it. */
    MODERATION;

    /** Every type's value, in this order: the preference keys and the stored {@code type}. */
    public static final List<String> VALUES = Arrays.stream(values()).map(NotificationType::value).toList();

    private final String value = name().toLowerCase(Locale.ROOT);

    public String value() {
        return value;
    }

    public static Optional<NotificationType> of(String value) {
        for (NotificationType type : values()) {
            if (type.value.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
