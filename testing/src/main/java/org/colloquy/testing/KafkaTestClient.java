package org.colloquy.testing;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.EventType;
import org.colloquy.events.WrittenPositions;

/**
 * Reads records back from the real broker and produces records the way another service (or a broken producer)
 * would, through SmallRye's {@link KafkaCompanion}; what it adds is the platform's shape of a record (CloudEvents
 * headers, events of the contract) and the positions of what it wrote. For tests only: blocking.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration ACKNOWLEDGED = Duration.ofSeconds(30);

    private final KafkaCompanion companion;
    private ProducerBuilder<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.companion = new KafkaCompanion(bootstrapServers);
    }

    /**
     * Reads the topic from its beginning until the records read so far satisfy {@code done}; fails with the records
     * it saw when the deadline passes first.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration deadline) {
        try (ConsumerTask<String, String> task = companion.consumeStrings()
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest").fromTopics(topic)) {
            try {
                Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(50))
                        .until(() -> done.test(List.copyOf(task.getRecords())));
            } catch (ConditionTimeoutException e) {
                List<ConsumerRecord<String, String>> seen = List.copyOf(task.getRecords());
                throw new AssertionError("Within " + deadline + " " + topic + " did not have the expected records; saw "
                        + seen.size() + ": " + seen.stream().map(KafkaTestClient::describe).toList(), e);
            }
            return List.copyOf(task.getRecords());
        }
    }

    /**
     * Where everything the tests of this JVM sent stands on its topics, as a {@code Colloquy-Written} header would say
     * it: a test that sends this header with its requests is the caller who wrote those events, and a service answering
     * from a replica waits for them (messaging's read-your-writes), as it would for a client's own writes.
     */
    public static WrittenPositions written() {
        return WRITTEN.get();
    }

    private static final AtomicReference<WrittenPositions> WRITTEN = new AtomicReference<>(WrittenPositions.NONE);

    /** Sends and waits for the broker's acknowledgement. */
    public void send(ProducerRecord<String, String> record) {
        sendAll(List.of(record));
    }

    /** Sends all at once (a backlog, as a consumer finds it after a pause) and waits for every acknowledgement. */
    public void sendAll(List<ProducerRecord<String, String>> records) {
        for (RecordMetadata sent : producer().fromRecords(records).awaitCompletion(ACKNOWLEDGED).getRecords()) {
            WRITTEN.accumulateAndGet(WrittenPositions.written(sent.topic(), sent.partition(), sent.offset()),
                    WrittenPositions::merge);
        }
    }

    /** Publishes an event of the contract as its producing service would; returns the event id. */
    public String publish(DomainEvent event) {
        String eventId = UUID.randomUUID().toString();
        publish(event, eventId);
        return eventId;
    }

    /** Publishes an event with a given id: the same id twice is a redelivery. */
    public void publish(DomainEvent event, String eventId) {
        EventType<?> type = EventCatalog.of(event.getClass());
        send(cloudEvent(type.topic(), event.key(), eventId, type.type(), EventJson.write(event)));
    }

    /** A record in CloudEvents binary mode, as the outbox relay writes it. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String type,
            String data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "urn:colloquy:test");
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        return record;
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.partition() + "@" + record.offset() + " key=" + record.key() + " type="
                + header(record, "ce_type").orElse("-");
    }

    private synchronized ProducerBuilder<String, String> producer() {
        if (producer == null) {
            producer = companion.produceStrings().withProp(ProducerConfig.ACKS_CONFIG, "all");
        }
        return producer;
    }

    @Override
    public void close() {
        companion.close();
    }
}
