package org.colloquy.notification.domain;

import java.util.List;
import java.util.Optional;
import org.colloquy.domain.StoredNames;

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

    private static final StoredNames<NotificationType> NAMES = new StoredNames<>(NotificationType.class);

    /** Every type's value, in this order: the preference keys and the stored {@code type}. */
    public static final List<String> VALUES = NAMES.all();

    public String value() {
        return NAMES.of(this);
    }

    public static Optional<NotificationType> of(String value) {
        return NAMES.find(value);
    }
}
