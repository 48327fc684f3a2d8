package org.colloquy.article.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ArticleTest {

    private static final UUID AUTHOR = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void aNewArticleIsPublishedNowUnlessItIsADraftOrScheduled() {
        Article published = write(false, null);
        assertThat(published.status).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(published.publishedAt).isEqualTo(NOW);
        assertThat(published.tags()).containsExactly("energie", "politik");

        Article draft = write(true, null);
        assertThat(draft.status).isEqualTo(ArticleStatus.DRAFT);
        assertThat(draft.publishedAt).isNull();

        Article scheduled = write(false, NOW.plusSeconds(3600));
        assertThat(scheduled.status).isEqualTo(ArticleStatus.SCHEDULED);
        assertThat(scheduled.publishAt).isEqualTo(NOW.plusSeconds(3600));
        assertThat(scheduled.publishedAt).isNull();

        Article due = write(false, NOW.minusSeconds(1));
        assertThat(due.status).as("a publishAt in the past publishes now").isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void publishingAndUnpublishingSayWhetherAnythingChanged() {
        Article article = write(false, NOW.plusSeconds(60));
        Instant later = NOW.plusSeconds(60);
        assertThat(article.publish(later)).isTrue();
        assertThat(article.publishAt).isNull();
        assertThat(article.publishedAt).isEqualTo(later);
        assertThat(article.publish(later.plusSeconds(1))).as("already public").isFalse();

        assertThat(article.unpublish(later.plusSeconds(2))).isTrue();
        assertThat(article.status).isEqualTo(ArticleStatus.DRAFT);
        assertThat(article.publishedAt).isNull();
        assertThat(article.unpublish(later.plusSeconds(3))).as("not public").isFalse();
    }

    @Test
    void aRevisionChangesOnlyTheFieldsItGivesAndAsksForASlugOnlyForANewTitleBase() {
        Article article = write(false, null);
        article.slug = "die-energiewende-2";
        Instant later = NOW.plusSeconds(60);

        assertThat(article.revise(null, " Neu ", null, null, null, later)).isEmpty();
        assertThat(article.title).isEqualTo("Die Energiewende");
        assertThat(article.description).isEqualTo("Neu");
        assertThat(article.body).isEqualTo("Text");
        assertThat(article.tags()).containsExactly("energie", "politik");
        assertThat(article.updatedAt).isEqualTo(later);

        assertThat(article.revise("Die  Energiewende!", null, null, null, List.of(), later))
                .as("a title that slugs the same keeps the slug").isEmpty();
        assertThat(article.title).isEqualTo("Die  Energiewende!");
        assertThat(article.tags()).isEmpty();

        assertThat(article.revise(" Über Wärme ", null, "Neuer Text", "de-AT", List.of("Wärme"), later))
                .contains("ueber-waerme");
        assertThat(article.title).isEqualTo("Über Wärme");
        assertThat(article.body).isEqualTo("Neuer Text");
        assertThat(article.language).isEqualTo("de-AT");
        assertThat(article.tags()).containsExactly("Wärme");
    }

    @Test
    void statesAreStoredAndShownInLowerCase() {
        for (ArticleStatus status : ArticleStatus.values()) {
            assertThat(status.value()).isEqualTo(status.name().toLowerCase());
            assertThat(ArticleStatus.of(status.value())).isEqualTo(status);
        }
    }

    private static Article write(boolean draft, Instant publishAt) {
        return Article.write(AUTHOR, "Die Energiewende", "Eine Analyse", "Text", List.of("energie", "politik"),
                "de", draft, publishAt, NOW);
    }
}
