package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.persistence.Sql;

/**
 * Keeps {@code processed_event} from growing forever: rows older than
 * {@code colloquy.messaging.inbox.processed-retention} (unless it is set empty) go, in statements of at most
 * {@code purge-batch} rows each (each its own short transaction), until none is left. Every instance runs it; two at
 * once only delete fewer rows each.
 */
@ApplicationScoped
public class ProcessedEventPurge {

    private static final String PURGE = """
            delete from processed_event where (consumer, event_id) in (
                select consumer, event_id from processed_event where processed_at < $1 limit $2)""";

    private final Sql sql;
    private final Optional<Duration> retention;
    private final int batch;

    public ProcessedEventPurge(Sql sql, MessagingConfig config) {
        this.sql = sql;
        this.retention = config.inbox().processedRetention();
        this.batch = config.inbox().purgeBatch();
    }

    @Scheduled(identity = "colloquy-processed-event-purge",
            every = "${colloquy.messaging.inbox.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        if (retention.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return purgeBefore(Instant.now().minus(retention.get())).invoke(purged -> {
            if (purged > 0) {
                Log.infof("Purged %d processed-event rows older than %s", purged, retention.get());
            }
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Purging processed-event rows failed, the next run tries again: %s", failure.getMessage());
            return 0L;
        }).replaceWithVoid();
    }

    /** Deletes the rows processed before {@code cutOff}, batch by batch; returns how many. */
    public Uni<Long> purgeBefore(Instant cutOff) {
        return purgeFrom(cutOff, 0);
    }

    private Uni<Long> purgeFrom(Instant cutOff, long purgedSoFar) {
        return sql.update(PURGE, cutOff, batch).chain(deleted -> deleted < batch
                ? Uni.createFrom().item(purgedSoFar + deleted)
                : purgeFrom(cutOff, purgedSoFar + deleted));
    }
}
