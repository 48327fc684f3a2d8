package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.messaging.telemetry.MessagingMetrics;

/**
 * Gives a record up: to the dead-letter topic ({@link DeadLetters}), counted, in its trace, and with the consumer's
 * position moved past it, so that consumption goes on with the next record. For a record that cannot be read, and
 * for one whose handler kept failing while the database answered.
 */
record DeadLettering(DeadLetters deadLetters, SavedPositions positions, MessagingMetrics metrics) {

    /** Completes once Kafka acknowledged the dead letter and the position was moved (best effort). */
    Uni<Void> giveUp(ConsumerRecord<String, String> record, Throwable failure, HandlingTrace trace) {
        Log.errorf("Record %s-%d@%d (key %s) goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), record.key(), failure.getMessage());
        trace.failed(failure);
        return deadLetters.send(record, failure)
                .invoke(() -> {
                    metrics.deadLettered(record.topic());
                    trace.outcome("dead-lettered");
                })
                .chain(() -> positions.skipPast(record));
    }
}
