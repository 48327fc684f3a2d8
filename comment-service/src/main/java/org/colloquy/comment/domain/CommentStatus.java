package org.colloquy.comment.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

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

    private static final CommentStatus[] VALUES = values();

    private final String value = name().toLowerCase(Locale.ROOT);

    /** As stored, and as the API shows it. */
    public String value() {
        return value;
    }

    /** By its {@link #value()}; read for every row, so without a string built per call. */
    public static CommentStatus of(String value) {
        for (CommentStatus candidate : VALUES) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown CommentStatus " + value);
    }

    /** The column holds {@link #value()}. */
    @Converter
    public static class Column implements AttributeConverter<CommentStatus, String> {

        @Override
        public String convertToDatabaseColumn(CommentStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public CommentStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
