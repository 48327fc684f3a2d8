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

    private final String value = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String value() {
        return value;
    }

    public static HoldRule of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
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
