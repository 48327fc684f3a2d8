package org.colloquy.article.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void aRequiredTextMustBeThereAnOptionalOneMayBeLeftOutButNotBlank() {
        assertThat(ArticleRules.title(null, true)).contains("can't be blank");
        assertThat(ArticleRules.title(null, false)).isEmpty();
        assertThat(ArticleRules.title("  ", false)).contains("can't be blank");
        assertThat(ArticleRules.description("Eine Analyse", true)).isEmpty();
        assertThat(ArticleRules.body("", false)).contains("can't be blank");
    }

    @Test
    void textsHaveTheirLimitsTheBodyInBytes() {
        assertThat(ArticleRules.title("T".repeat(ArticleRules.TITLE_MAX), true)).isEmpty();
        assertThat(ArticleRules.title("T".repeat(ArticleRules.TITLE_MAX + 1), true))
                .contains("must be at most 300 characters");
        assertThat(ArticleRules.description("D".repeat(ArticleRules.DESCRIPTION_MAX + 1), true))
                .contains("must be at most 1000 characters");
        String umlauts = "ä".repeat(ArticleRules.BODY_MAX_BYTES / 2 + 1); // two bytes each in UTF-8
        assertThat(ArticleRules.body(umlauts, true)).contains("must be at most 204800 bytes");
    }

    @Test
    void tagsAreFewShortAndNotBlank() {
        assertThat(ArticleRules.tags(null)).isEmpty();
        assertThat(ArticleRules.tags(List.of("energie", "politik"))).isEmpty();
        assertThat(ArticleRules.tags(Collections.nCopies(21, "x"))).contains("must have at most 20 tags");
        assertThat(ArticleRules.tags(Arrays.asList("a", null))).contains("must not contain blank tags");
        assertThat(ArticleRules.tags(List.of("t".repeat(51)))).contains("tags must be at most 50 characters");
        assertThat(ArticleRules.cleanTags(List.of(" energie ", "energie", "politik"))).containsExactly("energie",
                "politik");
    }

    @Test
    void languagesAreBcp47Tags() {
        assertThat(ArticleRules.language(null)).isEmpty();
        assertThat(ArticleRules.language("de-CH")).isEmpty();
        assertThat(ArticleRules.language("zh-Hant-TW")).isEmpty();
        assertThat(ArticleRules.language("deutsch!")).contains("must be a BCP 47 language tag such as 'de' or 'de-CH'");
        assertThat(ArticleRules.language("x".repeat(36))).contains("must be at most 35 characters");
    }

    @Test
    void aDraftCannotBeScheduledAndNothingMoreThanTenYearsAhead() {
        assertThat(ArticleRules.status("draft")).isEmpty();
        assertThat(ArticleRules.status("scheduled")).contains("must be 'draft' or 'published'");
        assertThat(ArticleRules.publishAt(NOW.plusSeconds(60), "draft", NOW))
                .contains("cannot be combined with status 'draft'");
        assertThat(ArticleRules.publishAt(NOW.plusSeconds(60), null, NOW)).isEmpty();
        assertThat(ArticleRules.publishAt(Instant.parse("2037-01-01T00:00:00Z"), null, NOW))
                .contains("must be at most 10 years ahead");
    }
}
