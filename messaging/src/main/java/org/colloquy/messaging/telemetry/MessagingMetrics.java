package org.colloquy.messaging.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The domain metrics of the messaging library, on the service's Micrometer registry (Prometheus at
 * {@code /q/metrics}). Counters count what has happened for good (Kafka acknowledged, the transaction committed);
 * gauges are set by {@link MessagingGauges}.
 */
@ApplicationScoped
public class MessagingMetrics {

    public static final String PUBLISHED = "colloquy.outbox.events.published";
    public static final String BACKLOG = "colloquy.outbox.backlog";
    public static final String OLDEST_AGE = "colloquy.outbox.oldest.age";
    public static final String PARKED = "colloquy.outbox.parked";
    public static final String PARKED_ROWS = "colloquy.outbox.parked.rows";
    public static final String CONSUMER_LAG = "colloquy.consumer.lag";
    public static final String DEAD_LETTERS = "colloquy.dead.letters";
    public static final String INBOX_PROCESSED = "colloquy.inbox.events.processed";

    /** Outcomes of the inbox counter: the effect was applied, or the event had been applied before. */
    public static final String PROCESSED = "processed";
    public static final String DUPLICATE = "duplicate";

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(BACKLOG, backlog, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
        Gauge.builder(OLDEST_AGE, oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest outbox row not yet published; 0 when there is none")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(PARKED_ROWS, parkedRows, AtomicLong::get)
                .description("Outbox rows Kafka refused for good, parked in outbox_parked until re-driven or deleted")
                .register(registry);
    }

    /** Kafka acknowledged an outbox event. */
    public void published(String type) {
        counter(PUBLISHED, "Outbox events acknowledged by Kafka", Tags.of("type", type)).increment();
    }

    /** An outbox event Kafka refused for good was parked ({@code error}: the exception's simple class name). */
    public void parked(String type, String error) {
        counter(PARKED, "Outbox events Kafka refused for good and that were parked, by type and error",
                Tags.of("type", type, "error", error)).increment();
    }

    /** A record of the topic went to the dead-letter topic (Kafka acknowledged the dead letter). */
    public void deadLettered(String topic) {
        counter(DEAD_LETTERS, "Records sent to the dead-letter topic, by source topic", Tags.of("topic", topic))
                .increment();
    }

    /** The inbox committed an event: its effect ({@link #PROCESSED}) or its recognition as a repeat. */
    public void inboxProcessed(String type, String outcome) {
        counter(INBOX_PROCESSED, "Events the inbox committed, by type and outcome",
                Tags.of("type", type, "outcome", outcome)).increment();
    }

    void outbox(long rows, long oldestSeconds, long parked) {
        backlog.set(rows);
        oldestAgeSeconds.set(oldestSeconds);
        parkedRows.set(parked);
    }

    void lag(TopicPartition partition, long records) {
        lag.computeIfAbsent(partition, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(CONSUMER_LAG, value, AtomicLong::get)
                    .description("Records in the partition that this service's consumers have not processed yet")
                    .tags("topic", key.topic(), "partition", Integer.toString(key.partition()))
                    .register(registry);
            return value;
        }).set(records);
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
