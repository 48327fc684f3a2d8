package org.colloquy.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.messaging.app.NoteService;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.PostgresResource;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Metrics at /q/metrics and W3C trace context from the write through the outbox and Kafka into the inbox. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class MessagingTelemetryTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String PUBLISHED = EventCatalog.of(ArticlePublished.class).type();

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Inject
    Pool pool;

    @Test
    void publishedEventsAreCountedOnceKafkaAcknowledgedThem() {
        double before = metric("colloquy_outbox_events_published_total", Map.of("type", PUBLISHED));

        given().queryParam("text", "counted").post("/notes").then().statusCode(201);

        // the 201 comes after the acknowledgement, so the counter has moved already
        assertThat(metric("colloquy_outbox_events_published_total", Map.of("type", PUBLISHED))).isEqualTo(before + 1);
    }

    @Test
    void inboxCountsProcessedAndDuplicateEventsExactly() {
        String articleId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        double processed = metric("colloquy_inbox_events_processed_total",
                Map.of("type", PUBLISHED, "outcome", "processed"));
        double duplicates = metric("colloquy_inbox_events_processed_total",
                Map.of("type", PUBLISHED, "outcome", "duplicate"));
        String data = EventJson.write(NoteService.published(articleId, "counted twice"));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, eventId, PUBLISHED, data));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, eventId, PUBLISHED, data));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, EventJson.write(NoteService.published(articleId, "marker"))));

        await().atMost(DEADLINE).until(() -> count("select count(*) from seen_article where article_id = $1 "
                + "and title = 'marker'", articleId) == 1);
        assertThat(metric("colloquy_inbox_events_processed_total", Map.of("type", PUBLISHED, "outcome", "duplicate")))
                .isEqualTo(duplicates + 1);
        assertThat(metric("colloquy_inbox_events_processed_total", Map.of("type", PUBLISHED, "outcome", "processed")))
                .isEqualTo(processed + 2); // the first delivery and the marker
    }

    @Test
    void deadLettersAreCountedBySourceTopic() {
        double before = metric("colloquy_dead_letters_total", Map.of("topic", Topics.ARTICLE_EVENTS));
        String articleId = UUID.randomUUID().toString();
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, "{poison"));

        await().atMost(DEADLINE).until(() -> metric("colloquy_dead_letters_total",
                Map.of("topic", Topics.ARTICLE_EVENTS)) == before + 1);
    }

    @Test
    void outboxBacklogAndAgeShowARowThatCannotBePublished() {
        String key = UUID.randomUUID().toString();
        pool.preparedQuery("""
                insert into outbox_event (id, topic, msg_key, type, subject, occurred_at, payload)
                values ($1, $2, $3, $4, $3, now() - interval '1 hour', $5)""")
                .execute(Tuple.of(UUID.randomUUID(), Topics.ARTICLE_EVENTS, key, PUBLISHED,
                        EventJson.write(NoteService.published(key, "held back"))))
                .await().atMost(DEADLINE);
        // A row locked by another transaction is skipped by every relay: it stays pending until the lock goes.
        SqlConnection connection = pool.getConnection().await().atMost(DEADLINE);
        Transaction transaction = connection.begin().await().atMost(DEADLINE);
        try {
            connection.preparedQuery("select id from outbox_event where msg_key = $1 for update").execute(Tuple.of(key))
                    .await().atMost(DEADLINE);

            await().atMost(DEADLINE).until(() -> metric("colloquy_outbox_backlog", Map.of()) >= 1
                    && metric("colloquy_outbox_oldest_age_seconds", Map.of()) >= 3600);
        } finally {
            transaction.rollback().await().atMost(DEADLINE);
            connection.close().await().atMost(DEADLINE);
        }

        await().atMost(DEADLINE).until(() -> metric("colloquy_outbox_backlog", Map.of()) == 0
                && metric("colloquy_outbox_oldest_age_seconds", Map.of()) == 0);
    }

    @Test
    void consumerLagIsReportedPerPartitionAndReachesZero() {
        String articleId = UUID.randomUUID().toString();
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, EventJson.write(NoteService.published(articleId, "lagging"))));

        await().atMost(DEADLINE).until(() -> count("select count(*) from seen_article where article_id = $1",
                articleId) == 1);
        await().atMost(DEADLINE).until(() -> {
            List<Double> lags = metrics("colloquy_consumer_lag", Map.of("topic", Topics.ARTICLE_EVENTS));
            return !lags.isEmpty() && lags.stream().allMatch(lag -> lag == 0);
        });
    }

    @Test
    void platformMetricsAreExposed() {
        given().post("/notes?text=metrics").then().statusCode(201);
        String body = scrape();

        assertThat(body).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes",
                "kafka_producer_", "kafka_consumer_");
        assertThat(body).containsPattern("(?m)^sql_pool_\\w+");
    }

    @Test
    void traceContextFlowsFromTheWriteThroughKafkaIntoTheConsumer() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String clientSpan = HexFormat.of().formatHex(randomBytes(8));

        String id = given().header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .queryParam("text", "traced").post("/notes").then().statusCode(201).extract().asString();

        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.ARTICLE_EVENTS,
                seen -> seen.stream().anyMatch(r -> id.equals(r.key())), DEADLINE);
        ConsumerRecord<String, String> record = records.stream().filter(r -> id.equals(r.key())).findFirst()
                .orElseThrow();
        List<String> traceparents = headers(record, "traceparent");
        assertThat(traceparents).hasSize(1);
        String[] parts = traceparents.get(0).split("-");
        assertThat(parts[1]).isEqualTo(traceId);
        assertThat(parts[2]).as("the relay's publish span, not the client's").isNotEqualTo(clientSpan);

        String eventId = KafkaTestClient.header(record, "ce_id").orElseThrow();
        await().atMost(DEADLINE).until(() -> count("select count(*) from seen_article where event_id = $1",
                eventId) == 1);
        assertThat(text("select trace_id from seen_article where event_id = $1", eventId))
                .as("the handler runs in the writer's trace").isEqualTo(traceId);
        assertThat(text("select mdc_event_id from seen_article where event_id = $1", eventId))
                .as("the event id is in the log MDC while the handler runs").isEqualTo(eventId);
    }

    @Test
    void eachOutcomeLineOfABatchCarriesItsOwnEventAndTraceInTheMdc() {
        List<String[]> lines = new CopyOnWriteArrayList<>(); // message, MDC traceId, eventId
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    lines.add(new String[] {ext.getFormattedMessage(), ext.getMdc("traceId"), ext.getMdc("eventId")});
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(
                "org.colloquy.messaging.inbox.HandlingTrace");
        logger.addHandler(capture);
        try {
            String articleId = UUID.randomUUID().toString();
            List<String> eventIds = new ArrayList<>();
            List<ProducerRecord<String, String>> backlog = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                eventIds.add(UUID.randomUUID().toString());
                backlog.add(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, eventIds.get(i), PUBLISHED,
                        EventJson.write(NoteService.published(articleId, "logged " + i))));
            }
            kafka.sendAll(backlog);

            Pattern outcome = Pattern.compile("Event (\\S+) .*: processed \\[trace (\\w+)]");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                    .filter(line -> eventIds.stream().anyMatch(line[0]::contains)).count() == eventIds.size());
            for (String[] line : lines.stream().filter(l -> eventIds.stream().anyMatch(l[0]::contains)).toList()) {
                Matcher matcher = outcome.matcher(line[0]);
                assertThat(matcher.find()).as(line[0]).isTrue();
                assertThat(line[2]).as("eventId in the MDC of " + line[0]).isEqualTo(matcher.group(1));
                assertThat(line[1]).as("traceId in the MDC of " + line[0]).isEqualTo(matcher.group(2));
            }
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void spansAreNotExportedWhileNoEndpointIsConfigured() {
        LateBoundSpanProcessor otlp = Arc.container().select(LateBoundSpanProcessor.class).get();

        assertThat(otlp).isInstanceOf(RemoveableLateBoundSpanProcessor.class);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        do {
            ThreadLocalRandom.current().nextBytes(bytes);
        } while (bytes[0] == 0);
        return bytes;
    }

    private static List<String> headers(ConsumerRecord<String, String> record, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : record.headers().headers(name)) {
            values.add(new String(header.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the samples of the metric whose labels include the given ones; 0 when there is none. */
    static double metric(String name, Map<String, String> labels) {
        return metrics(name, labels).stream().mapToDouble(Double::doubleValue).sum();
    }

    static List<Double> metrics(String name, Map<String, String> labels) {
        // name{labels} value, maybe followed by an exemplar: " # {trace_id=...} 1.0 1795942436.5"
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{([^}]*)})? (\\S+)( # .*)?$",
                Pattern.MULTILINE);
        Matcher matcher = sample.matcher(scrape());
        List<Double> values = new ArrayList<>();
        while (matcher.find()) {
            String found = matcher.group(2) == null ? "" : matcher.group(2);
            if (labels.entrySet().stream().allMatch(l -> found.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                values.add(Double.parseDouble(matcher.group(3)));
            }
        }
        return values;
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private String text(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }
}
