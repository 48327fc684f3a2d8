package org.colloquy.messaging.inbox;

import io.opentelemetry.api.trace.Tracer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventType;
import org.colloquy.events.MalformedEventException;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.messaging.catchup.ConsumerPositions;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Applies Kafka records to a service exactly once. Each event's effect and the record {@code (consumer, event id)}
 * commit in one transaction, so a redelivered event is recognised and skipped (and counted in
 * {@code processed_event.duplicates}). A record that cannot be read
 * (malformed JSON, unknown type, missing field) goes straight to the dead-letter topic; a handler that keeps failing
 * is retried {@code max-attempts} times first. While the database itself is unreachable the record is retried until
 * it is back instead: an outage is not the record's fault. Either way consumption goes on with the next record.
 *
 * <pre>{@code
 * @Incoming("article-events") // with mp.messaging.incoming.article-events.batch=true
 * public Uni<Void> consume(ConsumerRecords<String, String> records) {
 *     return inbox.processBatch(records, handlers);
 * }
 * }</pre>
 */
@ApplicationScoped
public class Inbox {

    /**
     * Inserts one row the first time, none for a repeat. An update count, not a {@code returning} select: Hibernate
     * caches the plan of a typed native select under a key that never matches again, so every execution added an
     * entry to one ever-longer hash bin (16% of the CPU of a backlog drain, measured).
     */
    private static final String MARK_PROCESSED = """
            insert into processed_event (consumer, event_id) values (?1, ?2)
            on conflict (consumer, event_id) do nothing""";
    /** A repeat only counts the suppressed delivery, so operators can see how many. */
    private static final String COUNT_DUPLICATE = """
            update processed_event set duplicates = duplicates + 1 where consumer = ?1 and event_id = ?2""";
    private static final String SAVE_POSITION_NATIVE = """
            insert into consumer_position (consumer, topic, partition, next_offset) values (?1, ?2, ?3, ?4)
            on conflict (consumer, topic, partition) do update
            set next_offset = greatest(consumer_position.next_offset, excluded.next_offset), updated_at = now()""";
    private static final String SAVE_POSITION = SAVE_POSITION_NATIVE.replace("?1", "$1").replace("?2", "$2")
            .replace("?3", "$3").replace("?4", "$4");

    private static final String TRANSACTION = "colloquy.inbox.transaction";

    private final Pool pool;
    private final DeadLetters deadLetters;
    private final ConsumerPositions positions;
    private final String consumer;
    private final MessagingConfig.Inbox config;
    private final MessagingMetrics metrics;
    private final Tracer tracer;

    public Inbox(Pool pool, DeadLetters deadLetters, ConsumerPositions positions, MessagingMetrics metrics,
            Tracer tracer, MessagingConfig config) {
        this.pool = pool;
        this.deadLetters = deadLetters;
        this.positions = positions;
        this.metrics = metrics;
        this.tracer = tracer;
        this.consumer = config.service();
        this.config = config.inbox();
    }

    /**
     * Processes one record; the returned Uni completes when the record may be acknowledged, and never fails. The
     * handling is a span in the trace of the record's {@code traceparent}, with the event in the log MDC.
     */
    public Uni<Void> process(ConsumerRecord<String, String> record, EventHandlers handlers) {
        return traced(record, trace -> {
            try {
                return handle(decode(record, handlers), trace);
            } catch (MalformedEventException e) {
                return deadLetter(record, e, trace);
            }
        });
    }

    /** The handling of one record in its own span, closed when the handling ends. */
    private Uni<Void> traced(ConsumerRecord<String, String> record, Function<HandlingTrace, Uni<Void>> handling) {
        HandlingTrace trace = HandlingTrace.start(tracer, consumer, record);
        Uni<Void> handled;
        try {
            handled = handling.apply(trace);
        } catch (RuntimeException e) { // a bug here must not leave the span and the MDC open
            trace.failed(e);
            trace.close();
            throw e;
        }
        return handled.onTermination().invoke(trace::close);
    }

    /**
     * Processes the records of one poll, in order. Consecutive readable records share one transaction (one commit and
     * one position update per partition instead of one per record), so a backlog drains at the database's batch
     * speed. If that transaction fails, its records are processed again one by one ({@link #process}), with their
     * retries and dead-lettering; an unreadable record is dead-lettered in its place. Completes when the whole batch
     * may be acknowledged, and never fails.
     */
    public Uni<Void> processBatch(Iterable<ConsumerRecord<String, String>> records, EventHandlers handlers) {
        Uni<Void> processing = Uni.createFrom().voidItem();
        List<Decoded> run = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                run.add(decode(record, handlers));
            } catch (MalformedEventException e) {
                List<Decoded> before = List.copyOf(run);
                run.clear();
                processing = processing.chain(() -> applyRun(before))
                        .chain(() -> traced(record, trace -> deadLetter(record, e, trace)));
            }
        }
        List<Decoded> last = List.copyOf(run);
        return processing.chain(() -> applyRun(last));
    }

    /** A readable record; {@code handler} is null for a type this consumer does not care about. */
    private record Decoded(ConsumerRecord<String, String> record, EventMetadata metadata, DomainEvent event,
            BiFunction<DomainEvent, EventMetadata, Uni<Void>> handler) {
    }

    private static Decoded decode(ConsumerRecord<String, String> record, EventHandlers handlers) {
        EventMetadata metadata = metadata(record);
        EventType<?> type = EventCatalog.byType(metadata.type())
                .orElseThrow(() -> new MalformedEventException("Unknown event type '" + metadata.type() + "'"));
        var handler = handlers.forType(type.payload());
        if (handler.isEmpty()) {
            return new Decoded(record, metadata, null, null);
        }
        return new Decoded(record, metadata, EventCatalog.read(metadata.type(), record.value()), handler.get());
    }

    /** A readable record alone, in its own transaction, with retries and dead-lettering. */
    private Uni<Void> handle(Decoded decoded, HandlingTrace trace) {
        if (decoded.handler() == null) {
            trace.quietOutcome("skipped (no handler)");
            return savePositionAlone(decoded.record());
        }
        return applyWithRetries(decoded.record(), decoded.event(), decoded.metadata(), decoded.handler(), trace);
    }

    private Uni<Void> applyRun(List<Decoded> run) {
        if (run.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (run.size() == 1 || run.stream().allMatch(decoded -> decoded.handler() == null)) {
            return oneByOne(run);
        }
        int[] failedAt = {-1};
        return applyTogether(run, failedAt).onFailure().recoverWithUni(failure -> {
            int failed = failedAt[0];
            Log.warnf("A batch of %d records of %s failed (%s): %s", run.size(), run.get(0).record().topic(),
                    failure.getMessage(), failed < 0 ? "processing them one by one"
                            : "the records before and after offset " + run.get(failed).record().offset()
                                    + " go in batches again, that record alone");
            if (failed < 0) { // the commit or a position failed, not a handler
                return oneByOne(run);
            }
            return applyRun(run.subList(0, failed))
                    .chain(() -> alone(run.get(failed)))
                    .chain(() -> applyRun(run.subList(failed + 1, run.size())));
        });
    }

    private Uni<Void> oneByOne(List<Decoded> run) {
        Uni<Void> processing = Uni.createFrom().voidItem();
        for (Decoded decoded : run) {
            processing = processing.chain(() -> alone(decoded));
        }
        return processing;
    }

    private Uni<Void> alone(Decoded decoded) {
        return traced(decoded.record(), trace -> handle(decoded, trace));
    }

    /**
     * Every record of the run in one transaction, each with its processed-event row, then the partitions' positions;
     * spans end with their record's handler, the outcome lines and metrics wait for the commit. On failure,
     * {@code failedAt[0]} is the index of the record whose handling failed, or -1 if none did.
     */
    private Uni<Void> applyTogether(List<Decoded> run, int[] failedAt) {
        List<HandlingTrace> traces = new ArrayList<>();
        List<Runnable> counts = new ArrayList<>();
        return inTransaction(run.stream().map(Decoded::record).toList(), session -> {
            Uni<Void> steps = Uni.createFrom().voidItem();
            for (int i = 0; i < run.size(); i++) {
                Decoded decoded = run.get(i);
                int index = i;
                if (decoded.handler() != null) {
                    steps = steps.chain(() -> {
                        HandlingTrace trace = HandlingTrace.start(tracer, consumer, decoded.record());
                        traces.add(trace);
                        return applyInSession(session, decoded.event(), decoded.metadata(), decoded.handler(), trace)
                                .invoke(outcome -> counts.add(() -> metrics.inboxProcessed(decoded.metadata().type(),
                                        outcome)))
                                .onTermination().invoke((ignored, failure, cancelled) -> {
                                    if (failure != null) {
                                        failedAt[0] = index;
                                        trace.failed(failure);
                                    }
                                    trace.end();
                                })
                                .replaceWithVoid();
                    });
                }
            }
            return steps;
        }).invoke(() -> {
            counts.forEach(Runnable::run);
            traces.forEach(HandlingTrace::logEnded);
        });
    }

    /**
     * The frame of every inbox transaction: the work, then the records' partition positions, in one transaction;
     * once it committed, what the handlers left for after the commit, and the positions in memory for catch-up.
     */
    private <T> Uni<T> inTransaction(List<ConsumerRecord<String, String>> records,
            Function<Mutiny.Session, Uni<T>> work) {
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        records.forEach(record -> nextOffsets.merge(new TopicPartition(record.topic(), record.partition()),
                record.offset() + 1, Math::max));
        InboxTransaction transaction = InboxTransaction.begin();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> work.apply(session)
                .call(() -> savePositions(session, nextOffsets))))
                .onTermination().invoke(InboxTransaction::end)
                .invoke(() -> {
                    transaction.afterCommit().forEach(Runnable::run);
                    nextOffsets.forEach((partition, next) -> positions.advance(partition.topic(),
                            partition.partition(), next));
                });
    }

    private Uni<Void> applyWithRetries(ConsumerRecord<String, String> record, DomainEvent event,
            EventMetadata metadata, BiFunction<DomainEvent, EventMetadata, Uni<Void>> handler, HandlingTrace trace) {
        return Uni.createFrom().deferred(() -> applyOnce(record, event, metadata, handler, trace))
                .onFailure().invoke(e -> Log.warnf(e, "Handling event %s (%s) failed", metadata.id(), metadata.type()))
                .onFailure().retry().withBackOff(config.initialBackoff(), config.maxBackoff())
                .atMost(Math.max(0, config.maxAttempts() - 1))
                .onFailure().recoverWithUni(failure -> databaseReachable().chain(reachable -> reachable
                        ? deadLetter(record, failure, trace)
                        : waitForDatabase().chain(() -> applyWithRetries(record, event, metadata, handler, trace))));
    }

    /**
     * Runs the action once the transaction of the event being handled has committed, and never if it rolls back
     * (so that, say, a counter of effects stays exact across retries). Outside an inbox handler it runs at once.
     */
    public static void afterCommit(Runnable action) {
        InboxTransaction transaction = InboxTransaction.current();
        if (transaction == null) {
            action.run();
        } else {
            transaction.afterCommit().add(action);
        }
    }

    /**
     * Runs the statement in the transaction of the event being handled unless one under the same key already ran in
     * it: a batch applies many events in one transaction, and some effects are needed once per transaction (a
     * {@code NOTIFY} that tells listeners to look). Outside an inbox handler it runs every time.
     */
    public static Uni<Void> oncePerTransaction(String key, Supplier<Uni<Void>> statement) {
        InboxTransaction transaction = InboxTransaction.current();
        if (transaction != null && !transaction.done().add(key)) {
            return Uni.createFrom().voidItem();
        }
        return statement.get();
    }

    /** What the handlers of one inbox transaction registered, in the locals of the record's (duplicated) context. */
    private record InboxTransaction(List<Runnable> afterCommit, Set<String> done) {

        static InboxTransaction begin() {
            InboxTransaction transaction = new InboxTransaction(new ArrayList<>(), new HashSet<>());
            if (VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(TRANSACTION, transaction);
            }
            return transaction;
        }

        static InboxTransaction current() {
            return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(TRANSACTION, null) : null;
        }

        static void end() {
            if (VertxContext.isOnDuplicatedContext()) {
                ContextLocals.remove(TRANSACTION);
            }
        }
    }

    /** One attempt in one transaction; the outcome is counted only once the transaction committed. */
    private Uni<Void> applyOnce(ConsumerRecord<String, String> record, DomainEvent event, EventMetadata metadata,
            BiFunction<DomainEvent, EventMetadata, Uni<Void>> handler, HandlingTrace trace) {
        return inTransaction(List.of(record), session -> applyInSession(session, event, metadata, handler, trace))
                .invoke(outcome -> metrics.inboxProcessed(metadata.type(), outcome))
                .replaceWithVoid();
    }

    /**
     * The processed-event row and, unless it was there already, the handler's effect. Returns the outcome for the
     * metrics ({@link MessagingMetrics#PROCESSED} or {@link MessagingMetrics#DUPLICATE}) and gives it to the trace.
     */
    private Uni<String> applyInSession(Mutiny.Session session, DomainEvent event, EventMetadata metadata,
            BiFunction<DomainEvent, EventMetadata, Uni<Void>> handler, HandlingTrace trace) {
        return session.createNativeQuery(MARK_PROCESSED)
                .setParameter(1, consumer)
                .setParameter(2, metadata.id())
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted == 0) {
                        trace.outcome("duplicate, already processed by " + consumer);
                        return session.createNativeQuery(COUNT_DUPLICATE)
                                .setParameter(1, consumer)
                                .setParameter(2, metadata.id())
                                .executeUpdate()
                                .replaceWith(MessagingMetrics.DUPLICATE);
                    }
                    trace.outcome(MessagingMetrics.PROCESSED);
                    return handler.apply(event, metadata).replaceWith(MessagingMetrics.PROCESSED);
                });
    }

    private Uni<Void> savePositions(Mutiny.Session session, Map<TopicPartition, Long> nextOffsets) {
        Uni<Void> saving = Uni.createFrom().voidItem();
        for (Map.Entry<TopicPartition, Long> next : nextOffsets.entrySet()) {
            saving = saving.chain(() -> session.createNativeQuery(SAVE_POSITION_NATIVE)
                    .setParameter(1, consumer)
                    .setParameter(2, next.getKey().topic())
                    .setParameter(3, next.getKey().partition())
                    .setParameter(4, next.getValue())
                    .executeUpdate()
                    .replaceWithVoid());
        }
        return saving;
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable failure, HandlingTrace trace) {
        Log.errorf("Record %s-%d@%d (key %s) goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), record.key(), failure.getMessage());
        trace.failed(failure);
        return deadLetters.send(record, failure)
                .invoke(() -> {
                    metrics.deadLettered(record.topic());
                    trace.outcome("dead-lettered");
                })
                .chain(() -> savePositionAlone(record));
    }

    /** For records without an effect; best effort, since the position only serves catch-up waits. */
    private Uni<Void> savePositionAlone(ConsumerRecord<String, String> record) {
        positions.advance(record.topic(), record.partition(), record.offset() + 1);
        return pool.preparedQuery(SAVE_POSITION)
                .execute(Tuple.of(consumer, record.topic(), record.partition(), record.offset() + 1))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.debugf("Position of %s-%d not saved: %s", record.topic(), record.partition(), e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Boolean> databaseReachable() {
        return pool.query("select 1").execute().map(rows -> true).onFailure().recoverWithItem(false);
    }

    private Uni<Void> waitForDatabase() {
        Log.warnf("Database unreachable: %s waits for it before retrying", consumer);
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.maxBackoff())
                .chain(this::databaseReachable)
                .chain(reachable -> reachable ? Uni.createFrom().voidItem() : waitForDatabase());
    }

    private static EventMetadata metadata(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new MalformedEventException("Record without ce_id/ce_type headers: not a CloudEvent");
        }
        String time = header(record, "ce_time");
        OffsetDateTime parsedTime;
        try {
            parsedTime = time == null ? null : OffsetDateTime.parse(time);
        } catch (RuntimeException e) {
            throw new MalformedEventException("Malformed ce_time '" + time + "'", e);
        }
        return new EventMetadata(id, type, header(record, "ce_source"), header(record, "ce_subject"), parsedTime,
                record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
