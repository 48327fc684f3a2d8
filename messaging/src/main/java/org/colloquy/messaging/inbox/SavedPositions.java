package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.colloquy.messaging.catchup.ConsumerPositions;
import org.colloquy.persistence.Sql;

/**
 * How far this consumer got in each partition, kept in two places: in memory ({@link ConsumerPositions}), where this
 * instance's catch-up waits are told at once, and in {@code consumer_position}, which other replicas read. Records
 * with an effect move their position in the effect's transaction; records without one (skipped, dead-lettered) move
 * it on their own, best effort.
 */
final class SavedPositions {

    private static final String SAVE = """
            insert into consumer_position (consumer, topic, partition, next_offset) values ($1, $2, $3, $4)
            on conflict (consumer, topic, partition) do update
            set next_offset = greatest(consumer_position.next_offset, excluded.next_offset), updated_at = now()""";

    private final Sql sql;
    private final ConsumerPositions positions;
    private final String consumer;

    SavedPositions(Sql sql, ConsumerPositions positions, String consumer) {
        this.sql = sql;
        this.positions = positions;
        this.consumer = consumer;
    }

    /** Per partition of the records, the offset after the last of them: where consumption goes on once they are in. */
    static Map<TopicPartition, Long> nextOffsets(List<ConsumerRecord<String, String>> records) {
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        records.forEach(record -> nextOffsets.merge(new TopicPartition(record.topic(), record.partition()),
                record.offset() + 1, Math::max));
        return nextOffsets;
    }

    /** Saves the positions in the current transaction, all partitions in one round trip. */
    Uni<Void> save(Map<TopicPartition, Long> nextOffsets) {
        return sql.batch(SAVE, nextOffsets.entrySet().stream()
                .map(next -> new Object[] { consumer, next.getKey().topic(), next.getKey().partition(),
                    next.getValue() })
                .toList());
    }

    /** Tells this instance's waiters, once the transaction that saved the positions committed. */
    void advance(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((partition, next) -> positions.advance(partition.topic(), partition.partition(), next));
    }

    /**
     * Moves the position past a record without an effect; best effort, since the position only serves catch-up
     * waits.
     */
    Uni<Void> skipPast(ConsumerRecord<String, String> record) {
        positions.advance(record.topic(), record.partition(), record.offset() + 1);
        return sql.execute(SAVE, consumer, record.topic(), record.partition(), record.offset() + 1)
                .onFailure().recoverWithUni(e -> {
                    Log.debugf("Position of %s-%d not saved: %s", record.topic(), record.partition(), e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
