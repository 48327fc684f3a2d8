package org.colloquy.messaging.inbox;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.colloquy.persistence.Sql;

/**
 * The frame of every inbox transaction, whether it applies one record or a run: the work, then the records' partition
 * positions, in one transaction; once it committed, what the handlers left for after the commit
 * ({@link InboxTransaction}), and the positions in memory for catch-up. Nothing of it happens on a rollback.
 */
final class TransactionFrame {

    private final Sql sql;
    private final SavedPositions positions;

    TransactionFrame(Sql sql, SavedPositions positions) {
        this.sql = sql;
        this.positions = positions;
    }

    <T> Uni<T> run(List<ConsumerRecord<String, String>> records, Supplier<Uni<T>> work) {
        Map<TopicPartition, Long> nextOffsets = SavedPositions.nextOffsets(records);
        InboxTransaction transaction = InboxTransaction.begin();
        return sql.<T> inTransaction(() -> work.get().call(() -> positions.save(nextOffsets)))
                .onTermination().invoke(InboxTransaction::end)
                .invoke(() -> {
                    transaction.afterCommit().forEach(Runnable::run);
                    positions.advance(nextOffsets);
                });
    }
}
