package org.colloquy.comment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommentTextTest {

    @Test
    void aBodyIsNotBlankAndAtMostTenThousandCharacters() {
        assertThat(CommentText.problem(" \n")).contains("can't be blank");
        assertThat(CommentText.problem("x".repeat(CommentText.MAX_CHARS))).isEmpty();
        assertThat(CommentText.problem("x".repeat(CommentText.MAX_CHARS + 1)))
                .contains("must be at most 10000 characters");
    }

    @Test
    void mentionsAreNamesAfterAnAtSignOnceEachInOrder() {
        assertThat(CommentText.mentions("Danke @jürgen und @anna.b. Siehe auch @jürgen; mail@example.org zählt nicht"))
                .containsExactly("jürgen", "anna.b");
    }

    @Test
    void linksAndListedWordsAreFoundAsWholeWordsIgnoringCase() {
        assertThat(CommentText.links("Quelle: https://example.org/a und www.example.de, nicht example.com"))
                .isEqualTo(2);
        assertThat(CommentText.firstWord("Das ist UNSINN!", List.of("quatsch", "unsinn"))).contains("unsinn");
        assertThat(CommentText.firstWord("Unsinnig ist das nicht", List.of("unsinn"))).isEmpty();
    }

    @Test
    void anExcerptIsAtMostTwoHundredCharacters() {
        assertThat(CommentText.excerpt("kurz")).isEqualTo("kurz");
        String excerpt = CommentText.excerpt("lang ".repeat(100));
        assertThat(excerpt).hasSize(CommentText.EXCERPT_CHARS).endsWith("…");
    }
}
