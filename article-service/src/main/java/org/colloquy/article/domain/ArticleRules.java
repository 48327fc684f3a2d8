package org.colloquy.article.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The limits of an article, checked in one place for create and update; each violation is a 422 for its field. */
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

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    public ArticleRules title(String title, boolean required) {
        if (title == null || title.isBlank()) {
            if (required || title != null) {
                problems.put("title", List.of("can't be blank"));
            }
        } else if (title.length() > TITLE_MAX) {
            problems.put("title", List.of("must be at most " + TITLE_MAX + " characters"));
        }
        return this;
    }

    public ArticleRules description(String description, boolean required) {
        if (description == null || description.isBlank()) {
            if (required || description != null) {
                problems.put("description", List.of("can't be blank"));
            }
        } else if (description.length() > DESCRIPTION_MAX) {
            problems.put("description", List.of("must be at most " + DESCRIPTION_MAX + " characters"));
        }
        return this;
    }

    public ArticleRules body(String body, boolean required) {
        if (body == null || body.isBlank()) {
            if (required || body != null) {
                problems.put("body", List.of("can't be blank"));
            }
        } else if (body.getBytes(StandardCharsets.UTF_8).length > BODY_MAX_BYTES) {
            problems.put("body", List.of("must be at most " + BODY_MAX_BYTES + " bytes"));
        }
        return this;
    }

    public ArticleRules tags(List<String> tags) {
        if (tags == null) {
            return this;
        }
        if (tags.size() > TAGS_MAX) {
            problems.put("tagList", List.of("must have at most " + TAGS_MAX + " tags"));
        } else if (tags.stream().anyMatch(tag -> tag == null || tag.isBlank())) {
            problems.put("tagList", List.of("must not contain blank tags"));
        } else if (tags.stream().anyMatch(tag -> tag.trim().length() > TAG_MAX)) {
            problems.put("tagList", List.of("tags must be at most " + TAG_MAX + " characters"));
        }
        return this;
    }

    /** A BCP 47 language tag such as {@code de} or {@code de-CH}: letters, digits and hyphens, at most 35. */
    public ArticleRules language(String language) {
        if (language != null && language.length() > LANGUAGE_MAX) {
            problems.put("language", List.of("must be at most " + LANGUAGE_MAX + " characters"));
        } else if (language != null && !LANGUAGE.matcher(language).matches()) {
            problems.put("language", List.of("must be a BCP 47 language tag such as 'de' or 'de-CH'"));
        } else if (language != null) {
            try {
                new Locale.Builder().setLanguageTag(language);
            } catch (IllformedLocaleException e) {
                problems.put("language", List.of("must be a BCP 47 language tag such as 'de' or 'de-CH'"));
            }
        }
        return this;
    }

    public ArticleRules status(String status) {
        if (status != null && !status.equals(ArticleStatus.DRAFT.value())
                && !status.equals(ArticleStatus.PUBLISHED.value())) {
            problems.put("status", List.of("must be 'draft' or 'published'"));
        }
        return this;
    }

    /** A time in the past publishes at once; more than {@value #PUBLISH_AHEAD_MAX_YEARS} years ahead is refused. */
    public ArticleRules publishAt(Instant publishAt, String status, Instant now) {
        if (publishAt != null && ArticleStatus.DRAFT.value().equals(status)) {
            problems.put("publishAt", List.of("cannot be combined with status 'draft'"));
        } else if (publishAt != null
                && publishAt.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(PUBLISH_AHEAD_MAX_YEARS).toInstant())) {
            problems.put("publishAt", List.of("must be at most " + PUBLISH_AHEAD_MAX_YEARS + " years ahead"));
        }
        return this;
    }

    public Map<String, List<String>> problems() {
        return problems;
    }

    /** Trimmed, without repeats, in the author's order. */
    public static List<String> cleanTags(List<String> tags) {
        var seen = new HashSet<String>();
        return tags.stream().map(String::trim).filter(seen::add).toList();
    }
}
