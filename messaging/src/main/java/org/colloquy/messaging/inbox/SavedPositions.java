package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.colloquy.messaging.catchup.ConsumerPositions;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How far this consumer got in each partition, kept in two places: in memory ({@link ConsumerPositions}), where this
 * instance's catch-up waits are told at once, and in {@code consumer_position}, which other replicas read. Records
 * with an effect move their position in the effect's transaction; records without one (skipped, dead-lettered) move
 * it on their own, best effort. The two ways are two clients, so the upsert is written once for each, in its
 * parameter style.
 */
final class SavedPositions {

    /** For the Hibernate Reactive session of an inbox transaction: positional parameters {@code ?n}. */
    private static final String SAVE_IN_TRANSACTION = """
            insert into consumer_position (consumer, topic, partition, next_offset) values (?1, ?2, ?3, ?4)
            on conflict (consumer, topic, partition) do update
            set next_offset = greatest(consumer_position.next_offset, excluded.next_offset), updated_at = now()""";
    /** For the reactive pool, outside any transaction: PostgreSQL's {@code $n}. */
    private static final String SAVE_ALONE = """
            insert into consumer_position (consumer, topic, partition, next_offset) values ($1, $2, $3, $4)
            on conflict (consumer, topic, partition) do update
            set next_offset = greatest(consumer_position.next_offset, excluded.next_offset), updated_at = now()""";

    private final Pool pool;
    private final ConsumerPositions positions;
    private final String consumer;

    SavedPositions(Pool pool, ConsumerPositions positions, String consumer) {
        this.pool = pool;
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

    /** Saves the positions in the session's transaction. */
    Uni<Void> save(Mutiny.Session session, Map<TopicPartition, Long> nextOffsets) {
        Uni<Void> saving = Uni.createFrom().voidItem();
        for (Map.Entry<TopicPartition, Long> next : nextOffsets.entrySet()) {
            saving = saving.chain(() -> session.createNativeQuery(SAVE_IN_TRANSACTION)
                    .setParameter(1, consumer)
                    .setParameter(2, next.getKey().topic())
                    .setParameter(3, next.getKey().partition())
                    .setParameter(4, next.getValue())
                    .executeUpdate()
                    .replaceWithVoid());
        }
        return saving;
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
        return pool.preparedQuery(SAVE_ALONE)
                .execute(Tuple.of(consumer, record.topic(), record.partition(), record.offset() + 1))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.debugf("Position of %s-%d not saved: %s", record.topic(), record.partition(), e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
