package org.colloquy.article.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The limits of an article, one rule per field for create and update; each returns the field's problem, if any. */
public final class ArticleRules {

    public static final int TITLE_MAX = 300;
    public static final int DESCRIPTION_MAX = 1000;
    public static final int BODY_MAX_BYTES = 200 * 1024;
    public static final int TAGS_MAX = 20;
    public static final int TAG_MAX = 50;
    /** BCP 47 allows longer tags in theory; real ones ("de", "zh-Hant-TW", "sr-Latn-RS") are far below this. */
    public static final int LANGUAGE_MAX = 35;
    /** Scheduling further ahead is a typo or an attack (year 294277 does not fit PostgreSQL's timestamps). */
    public static final int PUBLISH_AHEAD_MAX_YEARS = 10;
    public static final int LIMIT_DEFAULT = 20;
    public static final int LIMIT_MAX = 100;

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    public static Optional<String> title(String title, boolean required) {
        return blank(title, required).or(() -> title != null && title.length() > TITLE_MAX
                ? Optional.of("must be at most " + TITLE_MAX + " characters") : Optional.empty());
    }

    public static Optional<String> description(String description, boolean required) {
        return blank(description, required).or(() -> description != null && description.length() > DESCRIPTION_MAX
                ? Optional.of("must be at most " + DESCRIPTION_MAX + " characters") : Optional.empty());
    }

    public static Optional<String> body(String body, boolean required) {
        return blank(body, required).or(() -> body != null
                && body.getBytes(StandardCharsets.UTF_8).length > BODY_MAX_BYTES
                ? Optional.of("must be at most " + BODY_MAX_BYTES + " bytes") : Optional.empty());
    }

    public static Optional<String> tags(List<String> tags) {
        if (tags == null) {
            return Optional.empty();
        }
        if (tags.size() > TAGS_MAX) {
            return Optional.of("must have at most " + TAGS_MAX + " tags");
        }
        if (tags.stream().anyMatch(tag -> tag == null || tag.isBlank())) {
            return Optional.of("must not contain blank tags");
        }
        if (tags.stream().anyMatch(tag -> tag.trim().length() > TAG_MAX)) {
            return Optional.of("tags must be at most " + TAG_MAX + " characters");
        }
        return Optional.empty();
    }

    /** A BCP 47 language tag such as {@code de} or {@code de-CH}: letters, digits and hyphens, at most 35. */
    public static Optional<String> language(String language) {
        if (language == null) {
            return Optional.empty();
        }
        if (language.length() > LANGUAGE_MAX) {
            return Optional.of("must be at most " + LANGUAGE_MAX + " characters");
        }
        String notATag = "must be a BCP 47 language tag such as 'de' or 'de-CH'";
        if (!LANGUAGE.matcher(language).matches()) {
            return Optional.of(notATag);
        }
        try {
            new Locale.Builder().setLanguageTag(language);
            return Optional.empty();
        } catch (IllformedLocaleException e) {
            return Optional.of(notATag);
        }
    }

    public static Optional<String> status(String status) {
        return status != null && !status.equals(ArticleStatus.DRAFT.value())
                && !status.equals(ArticleStatus.PUBLISHED.value())
                ? Optional.of("must be 'draft' or 'published'") : Optional.empty();
    }

    /** A time in the past publishes at once; more than {@value #PUBLISH_AHEAD_MAX_YEARS} years ahead is refused. */
    public static Optional<String> publishAt(Instant publishAt, String status, Instant now) {
        if (publishAt != null && ArticleStatus.DRAFT.value().equals(status)) {
            return Optional.of("cannot be combined with status 'draft'");
        }
        if (publishAt != null
                && publishAt.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(PUBLISH_AHEAD_MAX_YEARS).toInstant())) {
            return Optional.of("must be at most " + PUBLISH_AHEAD_MAX_YEARS + " years ahead");
        }
        return Optional.empty();
    }

    /** An omitted optional field is fine; a blank one, or a missing required one, is not. */
    private static Optional<String> blank(String value, boolean required) {
        return (value == null || value.isBlank()) && (required || value != null) ? Optional.of("can't be blank")
                : Optional.empty();
    }

    /** Trimmed, without repeats, in the author's order. */
    public static List<String> cleanTags(List<String> tags) {
        var seen = new HashSet<String>();
        return tags.stream().map(String::trim).filter(seen::add).toList();
    }

    private ArticleRules() {
    }
}
