package org.colloquy.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.systemtests.Client.anonymous;
import static org.colloquy.systemtests.Client.article;
import static org.colloquy.systemtests.Client.as;
import static org.colloquy.systemtests.Client.register;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.colloquy.platform.PlatformConfig;
import org.colloquy.platform.PlatformService;
import org.colloquy.platform.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Observability of the running platform: one trace from the client's request through the gateway, the writing
 * service, its outbox and Kafka into the consumers' logs; request ids in the services' logs; metrics at /q/metrics.
 */
@ExtendWith(RunningPlatform.class)
class TracingIT {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String COMMENT_POSTED = "org.colloquy.comment.CommentPosted";

    @Test
    void traceOfACommentReachesTheNotificationServicesLogLineForItsEvent() {
        Client.User author = register("traced-author");
        Client.User reader = register("traced-reader");
        String slug = article(author, "Verfolgt " + UUID.randomUUID(), List.of("tracing"));
        String traceId = randomHex(16);

        as(reader).header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .body(Map.of("comment", Map.of("body", "Eine Spur")))
                .post("/api/articles/{slug}/comments", slug).then().statusCode(201);

        String line = await().atMost(DEADLINE).until(
                () -> logLine(PlatformService.NOTIFICATION, l -> l.contains(traceId) && l.contains(COMMENT_POSTED)),
                Optional::isPresent).orElseThrow();
        assertThat(line).as("one line per handled event, with its id, type and outcome")
                .containsPattern("Event [0-9a-f-]{36} \\(" + Pattern.quote(COMMENT_POSTED) + "\\.v\\d+\\) from "
                        + "comment\\.events-\\d+@\\d+: processed \\[trace " + traceId + "]");
    }

    @Test
    void requestIdAndTraceIdAreInTheLogLinesOfTheRequest() {
        String requestId = "it-" + UUID.randomUUID();
        String traceId = randomHex(16);
        String email = "nobody-" + UUID.randomUUID() + "@example.org";

        anonymous().header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .body(Map.of("user", Map.of("email", email, "password", "wrong password")))
                .post("/api/users/login").then().statusCode(401);

        String line = await().atMost(DEADLINE).until(
                () -> logLine(PlatformService.USER, l -> l.contains("Failed log-in for " + email)),
                Optional::isPresent).orElseThrow();
        assertThat(line).contains(requestId, traceId);
    }

    @Test
    void servicesExposeTheirDomainMetrics() {
        Client.User author = register("metered-author");
        Client.User reader = register("metered-reader");
        String slug = article(author, "Gemessen " + UUID.randomUUID(), List.of("metrics"));
        as(reader).body(Map.of("comment", Map.of("body", "Gezählt"))).post("/api/articles/{slug}/comments", slug)
                .then().statusCode(201);

        assertThat(metric(PlatformService.COMMENT, "colloquy_outbox_events_published_total", COMMENT_POSTED))
                .isGreaterThanOrEqualTo(1);
        await().atMost(DEADLINE).until(() -> metric(PlatformService.NOTIFICATION,
                "colloquy_inbox_events_processed_total", COMMENT_POSTED) >= 1
                && metric(PlatformService.NOTIFICATION, "colloquy_notifications_delivered_total", "inbox") >= 1);
        // some gauges appear only once their first reading was taken: awaited, not read once
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(metrics(PlatformService.NOTIFICATION)).contains(
                "colloquy_outbox_backlog", "colloquy_outbox_oldest_age_seconds", "colloquy_consumer_lag{",
                "jvm_memory_used_bytes", "sql_pool_", "kafka_consumer_"));
        assertThat(metrics(PlatformService.COMMENT)).contains("http_server_requests_seconds_count{",
                "uri=\"/api/articles/{slug}/comments\"", "kafka_producer_");
        assertThat(metrics(PlatformService.GATEWAY)).contains("http_server_requests_seconds_count{");
    }

    /** The first line that matches in the logs of any instance of the service. */
    private static Optional<String> logLine(PlatformService service, java.util.function.Predicate<String> matches) {
        PlatformConfig config = RunningPlatform.platform().config();
        for (ServiceInstance instance : config.instances(service)) {
            Path log = config.dataDir().resolve("logs").resolve(instance.name() + ".log");
            try {
                Optional<String> line = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(matches)
                        .findFirst();
                if (line.isPresent()) {
                    return line;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** The metrics of the service's first instance. */
    private static String metrics(PlatformService service) {
        return metrics(RunningPlatform.platform().config().managementUrl(service));
    }

    private static String metrics(String managementUrl) {
        return given().baseUri(managementUrl).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the metric's samples that have a label containing {@code labelValue}, over all instances. */
    private static double metric(PlatformService service, String name, String labelValue) {
        PlatformConfig config = RunningPlatform.platform().config();
        StringBuilder all = new StringBuilder();
        config.instances(service).forEach(instance -> all.append(metrics(config.managementUrl(instance))));
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)").matcher(all);
        double sum = 0;
        while (sample.find()) {
            if (sample.group(1).contains(labelValue)) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (random[0] == 0);
        return HexFormat.of().formatHex(random);
    }
}
