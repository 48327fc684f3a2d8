package org.colloquy.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;

/**
 * Publishes domain events straight onto the platform's topics, as the outbox relay writes them (CloudEvents binary
 * mode, see KafkaTestClient.cloudEvent): the consumer drain needs a backlog of a hundred thousand events, which no
 * number of requests builds in the time a run has.
 */
final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    EventPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    void send(String topic, DomainEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.key(), EventJson.write(event));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", EventCatalog.of(event.getClass()).type());
        header(record, "ce_source", "urn:colloquy:benchmark");
        header(record, "ce_subject", event.subject());
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        producer.send(record);
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
