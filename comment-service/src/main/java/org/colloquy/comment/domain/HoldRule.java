package org.colloquy.comment.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Why a comment waits for a moderator; stored, published and shown as "pre-moderation", "suspect-word", .... */
public enum HoldRule {
    /** The site holds every comment (moderation mode {@code all}). */
    PRE_MODERATION,
    /** The body contains a suspect word. */
    SUSPECT_WORD,
    /** The body has more links than allowed. */
    LINKS,
    /** The author's first comment (moderation mode {@code first-comment}). */
    FIRST_COMMENT,
    /** Enough readers reported it. */
    REPORTS;

    private static final HoldRule[] VALUES = values();

    private final String value = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String value() {
        return value;
    }

    /** By its {@link #value()}; read for every row, so without a string built per call. */
    public static HoldRule of(String value) {
        for (HoldRule candidate : VALUES) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown HoldRule " + value);
    }

    /** The column holds {@link #value()}. */
    @Converter
    public static class Column implements AttributeConverter<HoldRule, String> {

        @Override
        public String convertToDatabaseColumn(HoldRule rule) {
            return rule == null ? null : rule.value();
        }

        @Override
        public HoldRule convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
