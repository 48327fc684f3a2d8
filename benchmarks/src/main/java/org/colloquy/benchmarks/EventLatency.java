package org.colloquy.benchmarks;

import static org.colloquy.benchmarks.Figures.millis;
import static org.colloquy.benchmarks.Figures.ms;
import static org.colloquy.benchmarks.Figures.times;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.colloquy.events.Topics;

/**
 * Scenario 2, the event latency: the time from a comment's 201 to the notification its article's author receives
 * over server-sent events, with every service and Kafka in between, at a steady rate. The baseline is Kafka's own
 * EndToEndLatency on the same broker.
 */
final class EventLatency extends Scenario {

    EventLatency(ScenarioContext context) {
        super(context);
    }

    @Override
    void run() throws Exception {
        // the write path left notification-service a backlog of CommentPosted events (every load comment notifies
        // the author); this scenario measures a steady rate, not that backlog
        long waited = System.nanoTime();
        context.platform().awaitNoLag("notification-service", Topics.COMMENT_EVENTS, Duration.ofSeconds(240));
        results.note(String.format(Locale.ROOT, "event latency: waited %.0f s for notification-service to work off "
                + "the write path's comments first", (System.nanoTime() - waited) / 1e9));
        Map<Long, Long> posted = new ConcurrentHashMap<>();
        Map<Long, Long> pushed = new ConcurrentHashMap<>();
        HttpClientResponse sse = listen(pushed);
        Http http = context.http();
        String comments = context.gateway() + "/api/articles/" + context.users().slugs().get(0) + "/comments";
        String readerToken = context.users().readerToken();
        long windowStart = System.nanoTime() + settings.warmup().toNanos();
        OpenLoad.Point posting = OpenLoad.run("comments for notifications", settings.eventRate(), settings.warmup(),
                settings.measure(), Duration.ofSeconds(15), () -> http.send(HttpMethod.POST, comments, readerToken,
                        RequestBodies.comment("Notify the author, please."))
                        .map(response -> {
                            long now = System.nanoTime();
                            if (response.status() != 201) {
                                return false;
                            }
                            if (now >= windowStart) {
                                posted.put(response.json().get("comment").get("id").asLong(), now);
                            }
                            return true;
                        }));
        System.out.println("[bench] " + posting);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pushed.keySet().containsAll(posted.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling the stream's progress, with a deadline
        }
        sse.request().connection().close();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        long missing = 0;
        for (Map.Entry<Long, Long> entry : posted.entrySet()) {
            Long at = pushed.get(entry.getKey());
            if (at == null) {
                missing++;
            } else {
                // the comment is published to Kafka before the 201 is sent, so the push can even come first
                latency.recordValue(Math.max(0, (at - entry.getValue()) / 1000));
            }
        }
        report(latency, missing);
    }

    /** Opens the author's notification stream; records when each comment's notification arrives, by comment id. */
    private HttpClientResponse listen(Map<Long, Long> pushed) throws Exception {
        StringBuilder stream = new StringBuilder();
        var sse = context.http().client().request(new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(context.gateway() + "/api/notifications/stream")
                .putHeader("Authorization", "Token " + context.users().authorToken())
                .putHeader("Accept", "text/event-stream"))
                .compose(request -> request.send()).toCompletionStage().toCompletableFuture().get(30,
                        TimeUnit.SECONDS);
        if (sse.statusCode() != 200) {
            throw new IllegalStateException("The notification stream answered " + sse.statusCode());
        }
        sse.handler(chunk -> {
            long now = System.nanoTime();
            synchronized (stream) {
                stream.append(chunk.toString(StandardCharsets.UTF_8));
                int end;
                while ((end = stream.indexOf("\n\n")) >= 0) {
                    String event = stream.substring(0, end);
                    stream.delete(0, end + 2);
                    event.lines().filter(line -> line.startsWith("data:")).forEach(line -> {
                        try {
                            JsonNode comment = Http.JSON.readTree(line.substring(5).trim()).get("comment");
                            if (comment != null && !comment.isNull()) {
                                pushed.putIfAbsent(comment.get("id").asLong(), now);
                            }
                        } catch (IOException e) {
                            System.err.println("Unreadable notification: " + line);
                        }
                    });
                }
            }
        });
        return sse;
    }

    /** The SSE latencies against EndToEndLatency, measured right after them on the same broker. */
    private void report(Histogram latency, long missing) {
        KafkaTools.EndToEnd e2e = context.kafkaTools().endToEndLatency("bench.end-to-end", 2000, 600);
        results.note(String.format(Locale.ROOT, "EndToEndLatency: p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, avg %.2f"
                + " ms (2000 records of 600 bytes, acks=all)", e2e.p50(), e2e.p99(), e2e.p999(), e2e.average()));
        results.note(String.format(Locale.ROOT, "event latency: %d comments measured at %.0f/s, %d notifications not "
                + "pushed within 30 s", latency.getTotalCount(), settings.eventRate(), missing));
        double p50 = ms(latency, 50);
        double p99 = ms(latency, 99);
        double p50Target = 3 * e2e.p50() + 5;
        double p99Target = 5 * e2e.p99() + 20;
        results.row("2. Event latency", "comment 201 → notification pushed over SSE: p50", millis(p50),
                millis(e2e.p50()) + " (EndToEndLatency p50)", times(p50 / e2e.p50()),
                "≤ 3× + 5 ms = " + millis(p50Target), missing == 0 && p50 <= p50Target);
        results.row("2. Event latency", "comment 201 → notification pushed over SSE: p99", millis(p99)
                + (missing > 0 ? " (" + missing + " never pushed)" : ""), millis(e2e.p99())
                + " (EndToEndLatency p99)", times(p99 / e2e.p99()),
                "≤ 5× + 20 ms = " + millis(p99Target), missing == 0 && p99 <= p99Target);
        results.latencyPoint("event latency", latency, settings.eventRate());
        results.latencyPoints.add(new Results.Point("EndToEndLatency", e2e.p50(), Double.NaN, e2e.p99(), e2e.p999(),
                Double.NaN));
    }
}
