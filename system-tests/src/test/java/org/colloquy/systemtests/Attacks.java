package org.colloquy.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** What {@link SecurityIT} needs besides the client: bursts of parallel requests and precise error assertions. */
final class Attacks {

    static final String NUL_MESSAGE = "must not contain NUL characters";

    /** Runs {@code count} requests at once (released together) and returns their status codes. */
    static List<Integer> parallel(int count, IntFunction<Integer> request) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<Integer> call = () -> {
                    start.await();
                    return request.apply(n);
                };
                running.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : running) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException("A parallel request failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    /**
     * The RealWorld error shape with an error on {@code field}: the key is the field's name or its JSON path
     * ({@code title} or {@code article.title}; {@code tagList[0]} for an item), and, if given, one of its messages.
     */
    static void assertError(String what, Response response, int status, String field, String message) {
        String body = response.asString();
        assertThat(response.statusCode()).as("%s: expected %d with an error on '%s'%s, got %d %s", what, status,
                field, message == null ? "" : " saying \"" + message + "\"", response.statusCode(), abbreviate(body))
                .isEqualTo(status);
        Map<String, List<String>> errors = errors(what, response);
        List<String> messages = errors.entrySet().stream().filter(e -> names(e.getKey(), field))
                .flatMap(e -> e.getValue().stream()).toList();
        assertThat(messages).as("%s: expected an error on '%s' in %s", what, field, abbreviate(body)).isNotEmpty();
        if (message != null) {
            assertThat(messages).as("%s: messages on '%s' in %s", what, field, abbreviate(body)).contains(message);
        }
    }

    /** The body is {@code {"errors":{"<field>":["<message>", ...]}}}. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> errors(String what, Response response) {
        Object errors;
        try {
            errors = response.jsonPath().get("errors");
        } catch (RuntimeException notJson) {
            errors = null;
        }
        assertThat(errors).as("%s: the body of %d is not {\"errors\":{...}}: %s", what, response.statusCode(),
                abbreviate(response.asString())).isInstanceOf(Map.class);
        Map<String, Object> map = (Map<String, Object>) errors;
        map.forEach((key, value) -> assertThat(value).as("%s: errors.%s must be a list of messages: %s", what, key,
                abbreviate(response.asString())).isInstanceOf(List.class));
        return (Map<String, List<String>>) (Map<String, ?>) map;
    }

    static boolean names(String key, String field) {
        String leaf = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        return key.equals(field) || key.equals(leaf) || key.endsWith("." + leaf) || key.startsWith(field + "[")
                || key.startsWith(leaf + "[") || key.contains("." + leaf + "[");
    }

    static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + " characters)";
    }

    private Attacks() {
    }
}
