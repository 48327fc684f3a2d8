package org.colloquy.messaging.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.colloquy.events.WrittenPositions;

/**
 * What became of the records of one relay pass, sorted by what the relay does next: acknowledged, with where they
 * are (deleted, and named in the writer's response); refused for good, with the refusal (parked,
 * {@link ParkedEvents#refusal}); or not acknowledged (given back for the sweep; then {@code failure} is the first such
 * failure).
 */
record Sent(List<OutboxRow> acknowledged, WrittenPositions written, Map<OutboxRow, Throwable> refused,
        List<OutboxRow> failed, Throwable failure) {

    static final Sent NOTHING = new Sent(List.of(), WrittenPositions.NONE, Map.of(), List.of(), null);

    /** Kafka's answer for one record: its metadata once acknowledged (null if the connector gave none), or why not. */
    record Outcome(RecordMetadata acknowledgement, Throwable failure) {
    }

    /** The rows and Kafka's answer for each, in the same order. */
    static Sent of(List<OutboxRow> rows, List<Outcome> outcomes) {
        List<OutboxRow> acknowledged = new ArrayList<>();
        WrittenPositions written = WrittenPositions.NONE;
        Map<OutboxRow, Throwable> refused = new LinkedHashMap<>();
        List<OutboxRow> failed = new ArrayList<>();
        Throwable firstFailure = null;
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            Throwable failure = outcomes.get(i).failure();
            Optional<Throwable> refusal = failure == null ? Optional.empty() : ParkedEvents.refusal(failure);
            if (failure == null) {
                acknowledged.add(row);
                RecordMetadata record = outcomes.get(i).acknowledgement();
                if (record != null && record.hasOffset()) {
                    written = written.merge(WrittenPositions.written(record.topic(), record.partition(),
                            record.offset()));
                }
            } else if (refusal.isPresent()) {
                refused.put(row, refusal.get());
            } else {
                failed.add(row);
                firstFailure = firstFailure == null ? failure : firstFailure;
            }
        }
        return new Sent(acknowledged, written, refused, failed, firstFailure);
    }
}
