package org.colloquy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the benchmark sends to the RealWorld API: a new article and a new comment. The set-up, the write
 * path, the event latency and the closed model all post them; one definition keeps their load the same.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** A new article, as a map: the set-up's blocking client serializes it itself. */
    static Map<String, Object> article(String title) {
        return Map.of("article", Map.of("title", title, "description", "Written by the benchmark",
                "body", "A benchmark article. ".repeat(20), "tagList", List.of("bench")));
    }

    static String comment(String body) {
        return json(Map.of("comment", Map.of("body", body)));
    }

    static String json(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
