package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.persistence.Sql;

/**
 * Where a consumer starts in a partition it is given: at the position saved in {@code consumer_position} when that
 * is ahead of Kafka's committed offset. The saved position is written in the transaction of the records' effects, so
 * it is never ahead of what was applied; the committed offset follows later and can be behind (a crash before the
 * commit) or gone (the broker dropped the offsets of a group that had no member for
 * {@code offsets.retention.minutes}, and the group would start again from the first record). Either way the records
 * in between were applied already. Never seeks backwards. Every incoming channel uses it (the library's connector
 * defaults name it); it runs on the Kafka polling thread, which may wait for the database.
 */
@ApplicationScoped
@Identifier(SavedPositionSeek.NAME)
public class SavedPositionSeek implements KafkaConsumerRebalanceListener {

    public static final String NAME = "colloquy-saved-positions";

    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final Sql sql;
    private final String consumer;

    public SavedPositionSeek(Sql sql, MessagingConfig config) {
        this.sql = sql;
        this.consumer = config.service();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> saved;
        try {
            saved = saved(partitions);
        } catch (RuntimeException e) {
            Log.warnf("Saved positions of %s not read, starting at the committed offsets: %s", consumer,
                    e.getMessage());
            return;
        }
        for (TopicPartition partition : partitions) {
            Long next = saved.get(partition);
            if (next != null) {
                long committed = kafka.position(partition);
                if (next > committed) {
                    Log.infof("%s starts %s at its saved position %d, past the committed offset %d", consumer,
                            partition, next, committed);
                    kafka.seek(partition, next);
                }
            }
        }
    }

    private Map<TopicPartition, Long> saved(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> saved = new HashMap<>();
        sql.list("select topic, partition, next_offset from consumer_position where consumer = $1",
                row -> Map.entry(new TopicPartition(row.getString("topic"), row.getInteger("partition")),
                        row.getLong("next_offset")), consumer)
                .await().atMost(LOOKUP_TIMEOUT)
                .forEach(entry -> {
                    if (partitions.contains(entry.getKey())) {
                        saved.put(entry.getKey(), entry.getValue());
                    }
                });
        return saved;
    }
}
