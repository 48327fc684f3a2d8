package org.colloquy.messaging.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.colloquy.messaging.telemetry.MessagingMetrics;

/**
 * Outbox rows Kafka refused for good, kept in {@code outbox_parked} so that the relay never stalls on them: a row
 * that can never be published would otherwise stay the oldest pending row, be claimed again by every sweep, and
 * hold back every row behind it. Only errors that belong to the record itself park it; a broker that is slow,
 * down, or refuses the producer (timeouts, authorization, fencing) is not the record's fault, and its rows are
 * retried as before.
 */
@ApplicationScoped
public class ParkedEvents {

    /**
     * Refusals that sending the same record again cannot change: it is too large for the producer or the topic,
     * the broker found it invalid (e.g. against the topic's policy), its topic name is not a valid one, or it cannot
     * be serialized.
     */
    private static final List<Class<? extends Throwable>> REFUSALS = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, InvalidTopicException.class,
            SerializationException.class);

    /** Moves the rows in one statement, so a row is either still pending or parked, never both or neither. */
    private static final String PARK = """
            with refused (id, error_class, error_message) as (select * from unnest($1::uuid[], $2::text[], $3::text[])),
            moved as (
                delete from outbox_event o using refused r where o.id = r.id
                returning o.id, o.seq, o.topic, o.msg_key, o.type, o.subject, o.occurred_at, o.payload,
                          o.traceparent, o.tracestate, r.error_class, r.error_message)
            insert into outbox_parked (id, seq, topic, msg_key, type, subject, occurred_at, payload, traceparent,
                                       tracestate, error_class, error_message)
            select * from moved
            on conflict (id) do update set error_class = excluded.error_class,
                error_message = excluded.error_message, parked_at = now()
            returning id""";

    /** Back into the outbox as its newest rows (a new {@code seq}), in one statement. */
    private static final String REDRIVE = """
            with redriven as (
                delete from outbox_parked where id = any($1)
                returning id, topic, msg_key, type, subject, occurred_at, payload, traceparent, tracestate)
            insert into outbox_event (id, topic, msg_key, type, subject, occurred_at, payload, traceparent, tracestate)
            select * from redriven""";

    private final Pool pool;
    private final MessagingMetrics metrics;

    public ParkedEvents(Pool pool, MessagingMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    /** The error, in the failure's causes, by which Kafka refused the record for good; empty for any other failure. */
    static Optional<Throwable> refusal(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) { // the chain may loop
            Throwable candidate = cause;
            if (REFUSALS.stream().anyMatch(refusal -> refusal.isInstance(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Moves refused rows from the outbox to {@code outbox_parked}, with the error; logs and counts each row that was
     * still in the outbox. Completes with the number of rows parked.
     */
    Uni<Integer> park(Map<OutboxRow, Throwable> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<OutboxRow> rows = List.copyOf(refused.keySet());
        Map<UUID, OutboxRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Tuple parameters = Tuple.of(rows.stream().map(OutboxRow::id).toArray(UUID[]::new),
                rows.stream().map(row -> refused.get(row).getClass().getName()).toArray(String[]::new),
                rows.stream().map(row -> refused.get(row).getMessage()).toArray(String[]::new));
        return pool.preparedQuery(PARK).execute(parameters).map(parked -> {
            parked.forEach(moved -> {
                OutboxRow row = byId.get(moved.getUUID("id"));
                Throwable error = refused.get(row);
                metrics.parked(row.type(), error.getClass().getSimpleName());
                Log.warnf("Parked outbox event %s (%s, key %s, topic %s): Kafka refused it for good (%s: %s); the"
                        + " events after it are published. Inspect and re-drive it in outbox_parked",
                        row.id(), row.type(), row.key(), row.topic(), error.getClass().getName(), error.getMessage());
            });
            return parked.rowCount();
        });
    }

    /**
     * Puts parked rows back into the outbox, after the cause was fixed (the payload corrected in
     * {@code outbox_parked}, or the size limit raised): they are published as the newest events of their key, so
     * consumers get them after any event of the same aggregate published meanwhile. Completes with the number of rows
     * re-driven (ids that are not parked are ignored).
     */
    public Uni<Integer> redrive(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(REDRIVE).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Log.infof("Re-drove %d parked outbox events of %s", rows.rowCount(), ids);
            return rows.rowCount();
        });
    }
}
