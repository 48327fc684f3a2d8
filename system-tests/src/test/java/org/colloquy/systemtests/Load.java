package org.colloquy.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.colloquy.platform.PlatformService;

/**
 * Steady write load through the gateway: each writer sends one write per {@code interval} (or as fast as the
 * platform answers, if slower), a fixed number of times: articles, comments, replies, and follows of freshly
 * registered users. A failed write is not retried: its outcome is unknown, and a second attempt could double it.
 */
final class Load {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final List<Client.User> writers;
    private final Ledger ledger;
    private final AtomicInteger done = new AtomicInteger();

    Load(List<Client.User> writers, Ledger ledger) {
        this.writers = writers;
        this.ledger = ledger;
    }

    /**
     * Runs {@code writesPerWriter} writes per writer; once {@code faultAfter} of all writes were sent, runs
     * {@code fault} on this thread while the writers go on. Returns when every writer is done.
     */
    void run(String phase, int writesPerWriter, Duration interval, double faultAfter, Runnable fault)
            throws Exception {
        done.set(0);
        int total = writesPerWriter * writers.size();
        ExecutorService executor = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Client.User writer : writers) {
                running.add(executor.submit(() -> write(phase, writer, writesPerWriter, interval)));
            }
            while (done.get() < total * faultAfter && running.stream().anyMatch(future -> !future.isDone())) {
                Thread.sleep(20); // polling the writers' progress, not waiting for an effect
            }
            fault.run();
            for (Future<?> writer : running) {
                writer.get(5, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private Void write(String phase, Client.User writer, int count, Duration interval) throws InterruptedException {
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long due = start + n * interval.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing: one write per interval
            }
            switch (n % 20) {
                case 0 -> follow(phase, writer);
                case 1, 2, 3, 4, 5 -> article(phase, writer);
                case 6, 7, 8, 9, 10, 11, 12 -> comment(phase, writer);
                default -> reply(phase, writer);
            }
            done.incrementAndGet();
        }
        return null;
    }

    private void article(String phase, Client.User writer) {
        String title = "Fault " + phase + " " + UUID.randomUUID();
        Optional<JsonNode> created = post(writer, "/api/articles", Map.of("article", Map.of("title", title,
                "description", "Unter Last geschrieben", "body", "Ein Artikel während eines Fehlers.",
                "tagList", List.of("faults"))), 201);
        created.ifPresent(body -> ledger.article(new Ledger.Article(phase, writer.username(), title,
                body.path("article").path("slug").asText())));
    }

    private void comment(String phase, Client.User writer) {
        ledger.anyArticle().ifPresent(article -> comment(phase, writer, article.slug(), null));
    }

    private void reply(String phase, Client.User writer) {
        ledger.anyComment().ifPresentOrElse(parent -> comment(phase, writer, parent.articleSlug(), parent.id()),
                () -> comment(phase, writer));
    }

    private void comment(String phase, Client.User writer, String slug, Long parentId) {
        String body = "Kommentar " + UUID.randomUUID();
        Map<String, Object> comment = parentId == null ? Map.of("body", body)
                : Map.of("body", body, "parentId", parentId);
        Optional<JsonNode> created = post(writer, "/api/articles/" + slug + "/comments",
                Map.of("comment", comment), 201);
        created.ifPresent(json -> ledger.comment(new Ledger.Comment(phase, writer.username(), slug,
                json.path("comment").path("id").asLong(), body, parentId)));
    }

    /** Registers a fresh user and follows them: two writes, to user-service. */
    private void follow(String phase, Client.User writer) {
        String username = "fan-" + UUID.randomUUID().toString().substring(0, 12);
        if (post(null, "/api/users", Map.of("user", Map.of("username", username, "email", username + "@example.org",
                "password", Client.PASSWORD)), 201).isEmpty()) {
            return;
        }
        if (post(writer, "/api/profiles/" + username + "/follow", Map.of(), 200).isPresent()) {
            ledger.follow(new Ledger.Follow(phase, writer.username(), username));
        }
    }

    /** The response body if the platform answered {@code expected}; otherwise records why not in the ledger. */
    private Optional<JsonNode> post(Client.User caller, String path, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(RunningPlatform.baseUrl(PlatformService.GATEWAY) + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (caller != null) {
                request.header("Authorization", "Token " + caller.token());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return Optional.of(JSON.readTree(response.body()));
            }
            ledger.failed("HTTP " + response.statusCode());
            return Optional.empty();
        } catch (IOException e) {
            ledger.failed(e.getClass().getSimpleName()); // refused, reset or timed out: not acknowledged
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
