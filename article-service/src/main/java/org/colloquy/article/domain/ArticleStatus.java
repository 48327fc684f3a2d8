package org.colloquy.article.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where an article stands; stored and shown in lower case ("draft", "scheduled", "published"). */
public enum ArticleStatus {
    /** Private to its author. */
    DRAFT,
    /** Private until its {@code publishAt}, when the scheduler publishes it. */
    SCHEDULED,
    /** Public. */
    PUBLISHED;

    private static final ArticleStatus[] VALUES = values();

    private final String value = name().toLowerCase(Locale.ROOT);

    /** As stored, and as the API shows and takes it. */
    public String value() {
        return value;
    }

    /** By its {@link #value()}; read for every row, so without a string built per call. */
    public static ArticleStatus of(String value) {
        for (ArticleStatus candidate : VALUES) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown ArticleStatus " + value);
    }

    /** The column holds {@link #value()}. */
    @Converter
    public static class Column implements AttributeConverter<ArticleStatus, String> {

        @Override
        public String convertToDatabaseColumn(ArticleStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public ArticleStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
