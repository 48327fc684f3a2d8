package org.colloquy.article.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The limits of an article, checked in one place for create and update; each violation is a 422 for its field. */
public final class ArticleRules {

    public static final int TITLE_MAX = 300;
    public static final int DESCRIPTION_MAX = 1000;
    public static final int BODY_MAX_BYTES = 200 * 1024;
    public static final int TAGS_MAX = 20;
    public static final int TAG_MAX = 50;
    public static final int LIMIT_DEFAULT = 20;
    public static final int LIMIT_MAX = 100;

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

    /** A BCP 47 language tag such as {@code de} or {@code de-CH}. */
    public ArticleRules language(String language) {
        if (language != null) {
            try {
                new Locale.Builder().setLanguageTag(language);
            } catch (IllformedLocaleException e) {
                problems.put("language", List.of("must be a BCP 47 language tag such as 'de' or 'de-CH'"));
            }
        }
        return this;
    }

    public ArticleRules status(String status) {
        if (status != null && !status.equals("draft") && !status.equals("published")) {
            problems.put("status", List.of("must be 'draft' or 'published'"));
        }
        return this;
    }

    public ArticleRules publishAt(Instant publishAt, String status) {
        if (publishAt != null && "draft".equals(status)) {
            problems.put("publishAt", List.of("cannot be combined with status 'draft'"));
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
