package org.colloquy.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.colloquy.messaging.outbox.OutboxRelay;
import org.colloquy.messaging.outbox.ParkedEvents;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.colloquy.testing.InjectKafkaBroker;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaBroker;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Outbox rows Kafka refuses for good are parked, and the relay goes on with the rows behind them; a broker that is
 * merely unavailable parks nothing. Each test publishes to a topic of its own whose record limit
 * ({@code max.message.bytes}) is small, well above a producer batch (16 KB) so that ordinary events pass in batches.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class OutboxParkingTest {

    static final int TOPIC_MAX_MESSAGE_BYTES = 64 * 1024;
    /** Over the producer's {@code max.request.size} (1 MiB by default): the producer refuses it before sending. */
    static final String TOO_LARGE_FOR_PRODUCER = "p".repeat(1_100_000);
    /** Under the producer's limit, over the topic's: the broker refuses it. */
    static final String TOO_LARGE_FOR_TOPIC = "t".repeat(100_000);
    static final String INSERT = """
            insert into outbox_event (id, topic, msg_key, type, subject, occurred_at, payload)
            values ($1, $2, $3, $4, $3, now(), $5)""";

    @InjectKafkaClient
    KafkaTestClient kafka;

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    ParkedEvents parkedEvents;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void refusedRecordsAreParkedAndTheNextThousandEventsArePublishedWithinSeconds() {
        String topic = createTopic();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String producerRefusedType = "org.colloquy.test.TooLargeForProducer." + run;
        String topicRefusedType = "org.colloquy.test.TooLargeForTopic." + run;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        UUID producerRefused = insert(topic, keys.get(0), producerRefusedType, TOO_LARGE_FOR_PRODUCER);
        UUID topicRefused = insert(topic, keys.get(0), topicRefusedType, TOO_LARGE_FOR_TOPIC);
        // 1,000 ordinary events behind them, in one statement; every tenth of the refused rows' key
        List<String> ordinary = new ArrayList<>();
        long started = System.nanoTime();
        pool.preparedQuery("""
                insert into outbox_event (id, topic, msg_key, type, subject, occurred_at, payload)
                select gen_random_uuid(), $1, ($2::text[])[1 + n % 10], 'org.colloquy.test.Ordinary', 'ordinary',
                       now(), '{"n":' || n || '}'
                from generate_series(0, 999) as n
                returning id""")
                .execute(Tuple.of(topic, keys.toArray(String[]::new))).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> ordinary.add(row.getUUID("id").toString()));

        // a row leaves the outbox once Kafka acknowledged it (or it was parked)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> count(
                "select count(*) from outbox_event where topic = $1", topic) == 0);
        Log.infof("1,000 events behind 2 refused ones acknowledged by Kafka within %d ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        List<ConsumerRecord<String, String>> records = kafka.readUntil(topic,
                seen -> ids(seen).containsAll(ordinary), Duration.ofSeconds(30));

        assertThat(ids(records)).doesNotContain(producerRefused.toString(), topicRefused.toString());
        for (String key : keys) { // per key, in the order of the outbox, around the gap the refused rows left
            List<Integer> sequence = records.stream().filter(r -> key.equals(r.key()))
                    .map(r -> Integer.parseInt(r.value().replaceAll("\\D", ""))).toList();
            assertThat(sequence).hasSize(100).isSorted();
        }
        Map<UUID, Row> parked = parked(topic);
        assertThat(parked).containsOnlyKeys(producerRefused, topicRefused);
        assertThat(parked.get(producerRefused).getString("error_class")).isEqualTo(
                RecordTooLargeException.class.getName());
        assertThat(parked.get(producerRefused).getString("error_message")).contains("max.request.size");
        assertThat(parked.get(producerRefused).getString("payload")).isEqualTo(TOO_LARGE_FOR_PRODUCER);
        assertThat(parked.get(producerRefused).getString("msg_key")).isEqualTo(keys.get(0));
        assertThat(parked.get(topicRefused).getString("error_class")).isEqualTo(
                RecordTooLargeException.class.getName());
        assertThat(parked.get(topicRefused).getString("error_message")).isNotBlank();
        assertThat(parkedCount(producerRefusedType)).isEqualTo(1);
        assertThat(parkedCount(topicRefusedType)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(
                () -> registry.get(MessagingMetrics.PARKED_ROWS).gauge().value() >= 2);
        assertThat(relay.brokerUnresponsive()).as("requests still wait for Kafka's acknowledgement").isFalse();
    }

    @Test
    void aParkedEventIsPublishedOnceReDriven() {
        String topic = createTopic();
        String key = UUID.randomUUID().toString();
        UUID id = insert(topic, key, "org.colloquy.test.ReDriven", TOO_LARGE_FOR_TOPIC);
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(topic).containsKey(id));

        // the operator's fix: a payload the topic accepts
        pool.preparedQuery("update outbox_parked set payload = '{\"fixed\":true}' where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(parkedEvents.redrive(List.of(id, UUID.randomUUID())).await().atMost(Duration.ofSeconds(10)))
                .isEqualTo(1);

        List<ConsumerRecord<String, String>> records = kafka.readUntil(topic,
                seen -> ids(seen).contains(id.toString()), Duration.ofSeconds(10));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo("{\"fixed\":true}");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> count("select count(*) from outbox_event where id = $1",
                id) == 0);
        assertThat(parked(topic)).isEmpty();
    }

    /** Rows that Kafka does not acknowledge because the broker is down are retried, never parked. */
    @Test
    void rowsAreNotParkedWhileTheBrokerIsUnavailable() {
        assumeTrue(broker.canRestart(), "needs a broker this test run can stop");
        String topic = createTopic();
        String type = "org.colloquy.test.DuringOutage." + UUID.randomUUID().toString().substring(0, 8);
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    warnings.add(ext.getFormattedMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(OutboxRelay.class.getName());
        logger.addHandler(capture);
        UUID id;
        broker.stop();
        try {
            id = insert(topic, UUID.randomUUID().toString(), type, "{\"during\":\"outage\"}");

            // the relay's sends time out (delivery.timeout.ms, 10 s): a failure of the broker, not of the record
            await().atMost(Duration.ofSeconds(60)).until(() -> warnings.stream()
                    .anyMatch(line -> line.startsWith("Kafka did not acknowledge") && line.contains(id.toString())));
            assertThat(count("select count(*) from outbox_event where id = $1", id)).isEqualTo(1);
            assertThat(parked(topic)).isEmpty();
        } finally {
            broker.start();
            logger.removeHandler(capture);
        }

        kafka.readUntil(topic, seen -> ids(seen).contains(id.toString()), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from outbox_event where id = $1",
                id) == 0);
        assertThat(parked(topic)).isEmpty();
        assertThat(parkedCount(type)).isZero();
    }

    private String createTopic() {
        String topic = "outbox-parking-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty())
                    .configs(Map.of("max.message.bytes", Integer.toString(TOPIC_MAX_MESSAGE_BYTES)))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the test topic " + topic, e);
        }
        return topic;
    }

    private UUID insert(String topic, String key, String type, String payload) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery(INSERT).execute(Tuple.of(id, topic, key, type, payload))
                .await().atMost(Duration.ofSeconds(10));
        return id;
    }

    private Map<UUID, Row> parked(String topic) {
        Map<UUID, Row> parked = new HashMap<>();
        pool.preparedQuery("select * from outbox_parked where topic = $1").execute(Tuple.of(topic))
                .await().atMost(Duration.ofSeconds(10)).forEach(row -> parked.put(row.getUUID("id"), row));
        return parked;
    }

    private double parkedCount(String type) {
        return registry.find(MessagingMetrics.PARKED).tag("type", type).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static List<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> KafkaTestClient.header(r, "ce_id").orElse("")).toList();
    }
}
