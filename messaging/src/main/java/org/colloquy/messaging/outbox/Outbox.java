package org.colloquy.messaging.outbox;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.EventType;
import org.colloquy.messaging.telemetry.TraceHeaders;
import org.colloquy.persistence.Sql;

/**
 * Writes events into the outbox table in the caller's transaction, so that an event exists if and only if the state
 * change it announces was committed. {@link OutboxRelay} publishes the rows to Kafka.
 */
@ApplicationScoped
public class Outbox {

    private static final String PENDING = "colloquy.outbox.pending";

    private static final String INSERT = """
            insert into outbox_event (id, topic, msg_key, type, subject, occurred_at, payload, traceparent, tracestate)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private final HeldForRequests held;
    private final Sql sql;

    public Outbox(HeldForRequests held, Sql sql) {
        this.held = held;
        this.sql = sql;
    }

    /**
     * Adds the event to the current transaction ({@code @InTransaction}); fails outside one. The id is remembered
     * on the request's context, so that the request publishes it right after commit ({@link PublishBeforeResponse}).
     * The current trace context is stored with the row, since the relay publishes later and elsewhere.
     */
    public Uni<UUID> append(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        UUID id = UUID.randomUUID();
        Map<String, String> trace = TraceHeaders.ofCurrentSpan();
        if (!sql.inTransaction()) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "Outbox.append must run inside a transaction (@InTransaction)"));
        }
        return sql.execute(INSERT, id, type.topic(), event.key(), type.type(), event.subject(),
                OffsetDateTime.now(ZoneOffset.UTC), EventJson.write(event), trace.get(TraceHeaders.TRACEPARENT),
                trace.get(TraceHeaders.TRACESTATE))
                .invoke(() -> rememberPending(id)).replaceWith(id);
    }

    /** The ids appended on the current request so far; they may belong to a transaction that rolled back. */
    static List<UUID> takePending() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return List.of();
        }
        List<UUID> pending = ContextLocals.<List<UUID>> get(PENDING, null);
        if (pending == null) {
            return List.of();
        }
        ContextLocals.remove(PENDING);
        return pending;
    }

    private void rememberPending(UUID id) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return; // not a request (a job, a consumer): its caller flushes, or the sweep publishes the row
        }
        List<UUID> pending = ContextLocals.<List<UUID>> get(PENDING, null);
        if (pending == null) {
            pending = new ArrayList<>();
            ContextLocals.put(PENDING, pending);
        }
        pending.add(id);
        held.hold(id); // the sweep leaves it to this request
    }
}
