package org.colloquy.messaging.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.colloquy.events.WrittenPositions;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.colloquy.messaging.telemetry.TraceHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka and deletes them once Kafka acknowledged them. A relay first claims rows for a short
 * lease (one quick statement, {@code SKIP LOCKED}), so that several relays (threads or replicas) never publish the
 * same row at the same time; no database connection or transaction is held while Kafka is waited for, so a slow or
 * absent broker cannot drain the connection pool. A relay that dies leaves its claims to expire; the sweep then
 * publishes the rows again and consumers skip the copies. Per-key order: a row is published only when no earlier
 * row of its key is still pending, so the events of one aggregate reach Kafka in the order they were committed.
 * (Writes to one aggregate lock its row, so their outbox rows commit in {@code seq} order.) A row Kafka refuses for
 * good (too large, invalid) is parked ({@link ParkedEvents}) and the rows behind it, of its key too, go on: one event
 * missing from an aggregate's stream is better than every later event of the service held back behind it.
 */
@ApplicationScoped
public class OutboxRelay {

    /** How long requests stop waiting for Kafka after one waited in vain (unless an acknowledgement comes first). */
    private static final long UNRESPONSIVE_PAUSE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final String UNCLAIMED = "(claimed_until is null or claimed_until < now())";
    private static final String DELETE = "delete from outbox_event where id = any($1)";
    private static final String RELEASE = "update outbox_event set claimed_until = null where id = any($1)";
    private static final String BLOCKED_FROM = "blocked_from";

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final MessagingMetrics metrics;
    private final ParkedEvents parked;
    private final HeldForRequests held;
    private final Tracer tracer;
    private final URI source;
    private final int batchSize;
    private final String claimIds;
    private final String claimOldest;
    private volatile long lastMissNanos;
    private volatile boolean missedSinceAck;

    public OutboxRelay(Pool pool, @Channel("colloquy-outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> kafka, MessagingMetrics metrics, ParkedEvents parked, HeldForRequests held,
            Tracer tracer, MessagingConfig config) {
        this.pool = pool;
        this.kafka = kafka;
        this.metrics = metrics;
        this.parked = parked;
        this.held = held;
        this.tracer = tracer;
        this.source = URI.create("urn:colloquy:" + config.service());
        this.batchSize = config.outbox().batchSize();
        // the claim and the per-key order check in one statement: with each claimed row, the first seq of a row of
        // its key that this claim did not take (pending, or another relay's), null if there is none
        String claim = "with claimed as (update outbox_event set claimed_until = now() + interval '"
                + config.outbox().claimLease().toMillis() + " milliseconds' where id in (select id from outbox_event"
                + " where %s and " + UNCLAIMED + " order by seq %s for update skip locked) returning "
                + OutboxRow.COLUMNS + ") select claimed.*, (select min(e.seq) from outbox_event e"
                + " where e.msg_key = claimed.msg_key and e.id not in (select id from claimed)) as " + BLOCKED_FROM
                + " from claimed";
        this.claimIds = claim.formatted("id = any($1)", "");
        // rows a request of this instance is about to publish itself are left to it (HeldForRequests)
        this.claimOldest = claim.formatted("not (id = any($2))", "limit $1");
    }

    /**
     * Publishes the given rows if they are still pending and unclaimed; answers where Kafka put the ones this pass
     * published (rows another pass claimed, or held behind an earlier row of their key, are not in it). Fails when
     * Kafka did not acknowledge some of them.
     */
    public Uni<Published> publish(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Published.NOTHING);
        }
        return pool.preparedQuery(claimIds).execute(Tuple.of(ids.toArray(UUID[]::new))).chain(this::publishClaimed);
    }

    /** Publishes the oldest pending rows, at most one batch; returns how many left the outbox (published or parked). */
    public Uni<Integer> publishOldest() {
        return pool.preparedQuery(claimOldest).execute(Tuple.of(batchSize, held.held())).chain(this::publishClaimed)
                .map(Published::count);
    }

    /**
     * What left the outbox in one pass (published or parked), where Kafka put the published records, and whether
     * other rows of the pass's keys were pending: rows it had to leave behind an earlier one, or rows that may be
     * waiting behind its own.
     */
    record Published(int count, WrittenPositions written, boolean sharedKeys) {
        static final Published NOTHING = new Published(0, WrittenPositions.NONE, false);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * True for a while after a request waited in vain for Kafka or a send failed, until the next acknowledgement:
     * requests then leave their events to the sweep instead of each waiting for a broker that is not answering (a
     * producer facing a broker outage does not fail fast: it waits for metadata and retries until its timeouts).
     */
    public boolean brokerUnresponsive() {
        return missedSinceAck && System.nanoTime() - lastMissNanos < UNRESPONSIVE_PAUSE_NANOS;
    }

    /** Called when a request's wait for Kafka ran out. */
    public void waitedInVain() {
        lastMissNanos = System.nanoTime();
        missedSinceAck = true;
    }

    private Uni<Published> publishClaimed(Iterable<Row> claimedRows) {
        List<OutboxRow> claimed = new ArrayList<>();
        Map<String, Long> blockedFrom = new HashMap<>();
        for (Row row : claimedRows) {
            OutboxRow outboxRow = OutboxRow.from(row);
            claimed.add(outboxRow);
            Long first = row.getLong(BLOCKED_FROM);
            if (first != null) {
                blockedFrom.put(outboxRow.key(), first);
            }
        }
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(Published.NOTHING);
        }
        claimed.sort(Comparator.comparingLong(OutboxRow::seq));
        Map<Boolean, List<OutboxRow>> publishable = claimed.stream().collect(Collectors.partitioningBy(
                row -> row.seq() < blockedFrom.getOrDefault(row.key(), Long.MAX_VALUE)));
        return release(publishable.get(false)).replaceWith(publishable.get(true))
                .chain(rowsToSend -> send(rowsToSend).chain(this::settle))
                .map(done -> blockedFrom.isEmpty() ? done : new Published(done.count(), done.written(), true));
    }

    /**
     * Deletes what Kafka acknowledged, parks what it refused for good and releases the rest. Completes with the number
     * of rows that left the outbox, or fails when some rows were not acknowledged (the broker is unavailable or slow):
     * those are published again by the sweep.
     */
    private Uni<Published> settle(Sent sent) {
        return deletePublished(sent.acknowledged())
                .chain(deleted -> parked.park(sent.refused())
                        .onFailure().recoverWithUni(failure -> {
                            Log.warnf("Refused outbox events %s not parked (%s); they are sent again",
                                    sent.refused().keySet().stream().map(OutboxRow::id).toList(), failure.getMessage());
                            return release(List.copyOf(sent.refused().keySet())).replaceWith(0);
                        })
                        .map(parkedRows -> deleted + parkedRows))
                .call(() -> release(sent.failed()))
                .onItem().transformToUni(done -> sent.failure() == null
                        ? Uni.createFrom().item(new Published(done, sent.written(), false))
                        : Uni.createFrom().failure(sent.failure()));
    }

    /**
     * Runs after Kafka acknowledged the rows and before their deletion: a crash here republishes them once the claim
     * expired, and consumers recognise the copies. The fault-injection suite halts the service exactly here (and on
     * entry to {@link #send}) with a Byteman rule; keep both names and parameters stable.
     */
    private Uni<Integer> deletePublished(List<OutboxRow> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(DELETE).execute(Tuple.of(published.stream().map(OutboxRow::id)
                .toArray(UUID[]::new))).map(deleted -> published.size());
    }

    /** Gives rows back before their claim expires: rows behind an earlier one of their key, or not acknowledged. */
    private Uni<Void> release(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RELEASE).execute(Tuple.of(rows.stream().map(OutboxRow::id).toArray(UUID[]::new)))
                .replaceWithVoid()
                .onFailure().recoverWithItem(() -> null); // the claim expires by itself
    }

    /**
     * Sends in seq order and completes when Kafka answered for every record: acknowledged it, refused it for good
     * (too large, invalid: {@link ParkedEvents#refusal}), or did not acknowledge it in time. Never fails.
     */
    private Uni<Sent> send(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Sent.NOTHING);
        }
        List<Uni<Outcome>> outcomes = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            Span span = publishSpan(row);
            // the Kafka connector puts the acknowledged record's RecordMetadata (topic, partition, offset) in here
            OutgoingMessageMetadata<RecordMetadata> acknowledgement = new OutgoingMessageMetadata<>();
            outcomes.add(Uni.createFrom().deferred(() -> kafka.sendMessage(toMessage(row, span)
                    .addMetadata(acknowledgement)))
                    .onItemOrFailure().transform((acknowledged, failure) -> {
                        if (failure == null) {
                            metrics.published(row.type());
                        } else {
                            span.setStatus(StatusCode.ERROR, failure.getMessage());
                        }
                        span.end();
                        return new Outcome(failure == null ? acknowledgement.getResult() : null, failure);
                    }));
        }
        return Uni.join().all(outcomes).andFailFast().map(results -> {
            Sent sent = Sent.of(rows, results);
            if (sent.failure() != null) {
                waitedInVain();
                Log.warnf("Kafka did not acknowledge outbox events %s: %s",
                        sent.failed().stream().map(OutboxRow::id).toList(), sent.failure().getMessage());
            } else if (!sent.acknowledged().isEmpty()) {
                missedSinceAck = false;
            }
            return sent;
        });
    }

    /** Kafka's answer for one record: its metadata once acknowledged (null if the connector gave none), or why not. */
    private record Outcome(RecordMetadata acknowledgement, Throwable failure) {
    }

    /**
     * What became of the records of one pass: acknowledged, with where they are; refused for good, with the refusal;
     * or not acknowledged (then {@code failure} is the first such failure).
     */
    private record Sent(List<OutboxRow> acknowledged, WrittenPositions written, Map<OutboxRow, Throwable> refused,
            List<OutboxRow> failed, Throwable failure) {

        static final Sent NOTHING = new Sent(List.of(), WrittenPositions.NONE, Map.of(), List.of(), null);

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
