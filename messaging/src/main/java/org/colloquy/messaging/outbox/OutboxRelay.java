package org.colloquy.messaging.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.colloquy.messaging.telemetry.TraceHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka and deletes them once Kafka acknowledged them, in one database transaction per
 * pass. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several relays (threads or replicas) never publish
 * the same row at the same time. Per-key order: a row is published only when no earlier row of its key is still
 * pending elsewhere, so the events of one aggregate reach Kafka in the order they were committed. (Writes to one
 * aggregate lock its row, so their outbox rows commit in {@code seq} order.)
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String CLAIM_IDS = "select " + OutboxRow.COLUMNS
            + " from outbox_event where id = any($1) order by seq for update skip locked";
    private static final String CLAIM_OLDEST = "select " + OutboxRow.COLUMNS
            + " from outbox_event order by seq limit $1 for update skip locked";
    private static final String EARLIEST_UNCLAIMED = """
            select msg_key, min(seq) as first_seq from outbox_event
            where msg_key = any($1) and not (id = any($2)) group by msg_key""";
    private static final String DELETE = "delete from outbox_event where id = any($1)";

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final MessagingMetrics metrics;
    private final Tracer tracer;
    private final URI source;
    private final int batchSize;

    public OutboxRelay(Pool pool, @Channel("colloquy-outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> kafka, MessagingMetrics metrics, Tracer tracer, MessagingConfig config) {
        this.pool = pool;
        this.kafka = kafka;
        this.metrics = metrics;
        this.tracer = tracer;
        this.source = URI.create("urn:colloquy:" + config.service());
        this.batchSize = config.outbox().batchSize();
    }

    /** Publishes the given rows if they are still pending; returns how many were published. */
    public Uni<Integer> publish(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] array = ids.toArray(UUID[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM_IDS).execute(Tuple.of(array))
                .chain(rows -> publishClaimed(connection, rows)));
    }

    /** Publishes the oldest pending rows, at most one batch; returns how many were published. */
    public Uni<Integer> publishOldest() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM_OLDEST).execute(Tuple.of(batchSize))
                .chain(rows -> publishClaimed(connection, rows)));
    }

    public int batchSize() {
        return batchSize;
    }

    private Uni<Integer> publishClaimed(SqlConnection connection, Iterable<Row> claimedRows) {
        List<OutboxRow> claimed = new ArrayList<>();
        claimedRows.forEach(row -> claimed.add(OutboxRow.from(row)));
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] keys = claimed.stream().map(OutboxRow::key).distinct().toArray(String[]::new);
        UUID[] ids = claimed.stream().map(OutboxRow::id).toArray(UUID[]::new);
        return connection.preparedQuery(EARLIEST_UNCLAIMED).execute(Tuple.of(keys, ids))
                .map(rows -> {
                    Map<String, Long> blockedFrom = new HashMap<>();
                    rows.forEach(row -> blockedFrom.put(row.getString("msg_key"), row.getLong("first_seq")));
                    return claimed.stream()
                            .filter(row -> row.seq() < blockedFrom.getOrDefault(row.key(), Long.MAX_VALUE))
                            .toList();
                })
                .chain(publishable -> send(publishable)
                        .chain(() -> connection.preparedQuery(DELETE)
                                .execute(Tuple.of(publishable.stream().map(OutboxRow::id).toArray(UUID[]::new))))
                        .map(deleted -> publishable.size()));
    }

    /** Sends in seq order and completes when Kafka acknowledged every record; fails if any was not. */
    private Uni<Void> send(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            Span span = publishSpan(row);
            acks.add(kafka.sendMessage(toMessage(row, span))
                    .onItemOrFailure().invoke((acknowledged, failure) -> {
                        if (failure == null) {
                            metrics.published(row.type());
                        } else {
                            span.setStatus(StatusCode.ERROR, failure.getMessage());
                        }
                        span.end();
                    }));
        }
        return Uni.join().all(acks).andCollectFailures().replaceWithVoid()
                .onFailure().invoke(failure -> Log.warnf("Kafka did not acknowledge outbox events %s: %s",
                        new LinkedHashSet<>(rows.stream().map(OutboxRow::id).toList()), failure.getMessage()));
    }

    /**
     * A producer span in the trace of the transaction that wrote the row (a new trace if it had none). The
     * connector's own tracing is off for this channel (it would take whatever context is current on the relay's
     * thread as the parent), so this span is the record's parent.
     */
    private Span publishSpan(OutboxRow row) {
        return tracer.spanBuilder(row.topic() + " publish")
                .setParent(TraceHeaders.parse(row.traceparent(), row.tracestate()))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", row.topic())
                .setAttribute("messaging.message.id", row.id().toString())
                .setAttribute("messaging.kafka.message.key", row.key())
                .setAttribute("colloquy.event.type", row.type())
                .startSpan();
    }

    /** The record's trace headers: the publish span's, or the stored ones when tracing is disabled. */
    private static RecordHeaders traceHeaders(OutboxRow row, Span span) {
        RecordHeaders headers = new RecordHeaders();
        if (span.getSpanContext().isValid()) {
            TraceHeaders.inject(Context.root().with(span), headers);
        } else if (row.traceparent() != null) {
            TraceHeaders.inject(TraceHeaders.parse(row.traceparent(), row.tracestate()), headers);
        }
        return headers;
    }

    private Message<String> toMessage(OutboxRow row, Span span) {
        return Message.of(row.payload())
                .addMetadata(OutgoingCloudEventMetadata.<String> builder()
                        .withId(row.id().toString())
                        .withType(row.type())
                        .withSource(source)
                        .withSubject(row.subject())
                        .withTimestamp(row.occurredAt().toZonedDateTime())
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                        .withTopic(row.topic())
                        .withKey(row.key())
                        .withHeaders(traceHeaders(row, span))
                        .build());
    }
}
