package org.colloquy.comment.domain;

import org.colloquy.domain.StoredNames;

/** Where a comment stands; stored and shown in lower case ("visible", "pending", ...). */
public enum CommentStatus {
    /** Public. */
    VISIBLE,
    /** Held for a moderator (by a rule or by reports); shown to its author and to moderators only. */
    PENDING,
    /** Turned down by a moderator; shown to its author and to moderators only. */
    REJECTED,
    /** Removed by its author or a moderator; kept as a marker while it has replies. */
    DELETED;

    private static final StoredNames<CommentStatus> NAMES = new StoredNames<>(CommentStatus.class);

    /** As stored, and as the API shows it. */
    public String value() {
        return NAMES.of(this);
    }

    public static CommentStatus of(String value) {
        return NAMES.parse(value);
    }
}
