package org.colloquy.messaging.inbox;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.MalformedEventException;
import org.colloquy.messaging.telemetry.MessagingMetrics;

/**
 * The handling of one record on its own, in its own span and transaction: what {@link Inbox#process} does, and
 * what a batch falls back to for a record that must not share a transaction (see {@link BatchPlan}). A record without
 * a handler is only skipped; one whose handler fails is retried ({@link HandlerRetries}) and then dead-lettered.
 */
record RecordHandling(HandlingTraces traces, TransactionFrame frame, ProcessedEvents processed,
        HandlerRetries retries, DeadLettering deadLettering, SavedPositions positions, MessagingMetrics metrics) {

    /** Reads the record and handles it; a record that cannot be read is dead-lettered. */
    Uni<Void> process(ConsumerRecord<String, String> record, EventHandlers handlers) {
        return traces.around(record, trace -> {
            try {
                return handle(DecodedRecord.decode(record, handlers), trace);
            } catch (MalformedEventException e) {
                return deadLettering.giveUp(record, e, trace);
            }
        });
    }

    /** A readable record alone, with retries and dead-lettering. */
    Uni<Void> alone(DecodedRecord decoded) {
        return traces.around(decoded.record(), trace -> handle(decoded, trace));
    }

    /** A record that cannot be read: straight to the dead-letter topic. */
    Uni<Void> unreadable(ConsumerRecord<String, String> record, MalformedEventException failure) {
        return traces.around(record, trace -> deadLettering.giveUp(record, failure, trace));
    }

    private Uni<Void> handle(DecodedRecord decoded, HandlingTrace trace) {
        if (!decoded.hasHandler()) {
            trace.quietOutcome("skipped (no handler)");
            return positions.skipPast(decoded.record());
        }
        return retries.apply(decoded.metadata(), () -> applyOnce(decoded, trace),
                failure -> deadLettering.giveUp(decoded.record(), failure, trace));
    }

    /** One attempt in one transaction; the outcome is counted only once the transaction committed. */
    private Uni<Void> applyOnce(DecodedRecord decoded, HandlingTrace trace) {
        return frame.run(List.of(decoded.record()), () -> processed.apply(decoded, trace))
                .invoke(outcome -> metrics.inboxProcessed(decoded.metadata().type(), outcome))
                .replaceWithVoid();
    }
}
