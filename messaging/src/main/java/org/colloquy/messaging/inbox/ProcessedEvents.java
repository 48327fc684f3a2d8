package org.colloquy.messaging.inbox;

import io.smallrye.mutiny.Uni;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.colloquy.persistence.Sql;

/**
 * What makes the inbox idempotent: the row {@code (consumer, event id)} in {@code processed_event}, written in the
 * transaction of the event's effect. The first delivery inserts it and applies the handler; a repeat finds it, counts
 * the suppressed delivery and applies nothing.
 */
final class ProcessedEvents {

    /** Inserts one row the first time, none for a repeat. */
    private static final String MARK_PROCESSED = """
            insert into processed_event (consumer, event_id) values ($1, $2)
            on conflict (consumer, event_id) do nothing""";
    /** A repeat only counts the suppressed delivery, so operators can see how many. */
    private static final String COUNT_DUPLICATE = """
            update processed_event set duplicates = duplicates + 1 where consumer = $1 and event_id = $2""";

    private final Sql sql;
    private final String consumer;

    ProcessedEvents(Sql sql, String consumer) {
        this.sql = sql;
        this.consumer = consumer;
    }

    /**
     * The processed-event row and, unless it was there already, the handler's effect, in the current transaction.
     * Returns the outcome for the metrics ({@link MessagingMetrics#PROCESSED} or {@link MessagingMetrics#DUPLICATE})
     * and gives it to the trace.
     */
    Uni<String> apply(DecodedRecord decoded, HandlingTrace trace) {
        String eventId = decoded.metadata().id();
        return sql.update(MARK_PROCESSED, consumer, eventId)
                .chain(inserted -> {
                    if (inserted == 0) {
                        trace.outcome("duplicate, already processed by " + consumer);
                        return sql.update(COUNT_DUPLICATE, consumer, eventId).replaceWith(MessagingMetrics.DUPLICATE);
                    }
                    trace.outcome(MessagingMetrics.PROCESSED);
                    return decoded.apply().replaceWith(MessagingMetrics.PROCESSED);
                });
    }
}
