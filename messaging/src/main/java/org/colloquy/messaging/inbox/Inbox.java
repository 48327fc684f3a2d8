package org.colloquy.messaging.inbox;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.messaging.catchup.ConsumerPositions;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.colloquy.persistence.Sql;

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
 *
 * <p>This class is the entry point; the work is in the package: {@link BatchPlan} groups a poll's records into
 * transactions, {@link BatchProcessing} and {@link RecordHandling} apply them within a {@link TransactionFrame}.
 */
@ApplicationScoped
public class Inbox {

    private final RecordHandling single;
    private final BatchProcessing batches;

    public Inbox(Sql sql, Pool pool, DeadLetters deadLetters, ConsumerPositions positions, MessagingMetrics metrics,
            Tracer tracer, MessagingConfig config) {
        String consumer = config.service();
        HandlingTraces traces = new HandlingTraces(tracer, consumer);
        SavedPositions saved = new SavedPositions(sql, positions, consumer);
        TransactionFrame frame = new TransactionFrame(sql, saved);
        ProcessedEvents processed = new ProcessedEvents(sql, consumer);
        HandlerRetries retries = HandlerRetries.of(config.inbox(),
                DatabaseProbe.of(pool, config.inbox().maxBackoff(), consumer));
        DeadLettering deadLettering = new DeadLettering(deadLetters, saved, metrics);
        this.single = new RecordHandling(traces, frame, processed, retries, deadLettering, saved, metrics);
        this.batches = new BatchProcessing(traces, frame, processed, single, metrics);
    }

    /**
     * Processes one record; the returned Uni completes when the record may be acknowledged, and never fails. The
     * handling is a span in the trace of the record's {@code traceparent}, with the event in the log MDC.
     */
    public Uni<Void> process(ConsumerRecord<String, String> record, EventHandlers handlers) {
        return single.process(record, handlers);
    }

    /**
     * Processes the records of one poll, in order. Consecutive readable records share one transaction (one commit and
     * one position update per partition instead of one per record), so a backlog drains at the database's batch
     * speed. If that transaction fails, its records are processed again one by one ({@link #process}), with their
     * retries and dead-lettering; an unreadable record is dead-lettered in its place. Completes when the whole batch
     * may be acknowledged, and never fails.
     */
    public Uni<Void> processBatch(Iterable<ConsumerRecord<String, String>> records, EventHandlers handlers) {
        return batches.apply(BatchPlan.of(records, handlers));
    }

    /**
     * Runs the action once the transaction of the event being handled has committed, and never if it rolls back
     * (so that, say, a counter of effects stays exact across retries). Outside an inbox handler it runs at once.
     */
    public static void afterCommit(Runnable action) {
        InboxTransaction.runAfterCommit(action);
    }

    /**
     * Runs the statement in the transaction of the event being handled unless one under the same key already ran in
     * it: a batch applies many events in one transaction, and some effects are needed once per transaction (a
     * {@code NOTIFY} that tells listeners to look). Outside an inbox handler it runs every time.
     */
    public static Uni<Void> oncePerTransaction(String key, Supplier<Uni<Void>> statement) {
        return InboxTransaction.once(key, statement);
    }
}
