package org.colloquy.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.EventType;
import org.colloquy.events.WrittenPositions;

/**
 * Reads records back from the real broker and produces records the way another service (or a broken producer)
 * would. For tests only: blocking, one call at a time.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Reads the topic from its beginning until the records read so far satisfy {@code done}; fails with the records
     * it saw when the deadline passes first.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration deadline) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        Instant end = Instant.now().plus(deadline);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && Instant.now().isBefore(end)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(seen)) {
                if (Instant.now().isAfter(end)) {
                    throw new AssertionError("Within " + deadline + " " + topic + " did not have the expected records;"
                            + " saw " + seen.size() + ": " + seen.stream().map(KafkaTestClient::describe).toList());
                }
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
        }
        return seen;
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

    private static void written(RecordMetadata record) {
        WRITTEN.accumulateAndGet(WrittenPositions.written(record.topic(), record.partition(), record.offset()),
                WrittenPositions::merge);
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(ProducerRecord<String, String> record) {
        try {
            written(producer().send(record).get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + record, e);
        }
    }

    /** Sends all at once (a backlog, as a consumer finds it after a pause) and waits for every acknowledgement. */
    public void sendAll(List<ProducerRecord<String, String>> records) {
        List<java.util.concurrent.Future<RecordMetadata>> acks = records.stream()
                .map(record -> producer().send(record)).toList();
        try {
            for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
                written(ack.get(30, TimeUnit.SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the backlog", e);
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

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
