package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void aCommentIsTheApisJson() {
        assertThat(RequestBodies.comment("Notify the author, please."))
                .isEqualTo("{\"comment\":{\"body\":\"Notify the author, please.\"}}");
    }

    @Test
    void anArticleHasItsTitleATwentySentenceBodyAndTheBenchTag() {
        assertThat(RequestBodies.article("Load 1")).isEqualTo(Map.of("article", Map.of("title", "Load 1",
                "description", "Written by the benchmark", "body", "A benchmark article. ".repeat(20),
                "tagList", List.of("bench"))));
    }
}
