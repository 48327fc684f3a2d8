package org.colloquy.messaging.catchup;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;

/**
 * The positions other replicas of this service reached, as last read from {@code consumer_position}: a partition
 * another replica consumes moves nothing in this instance's {@link ConsumerPositions}, so a waiter here learns of it
 * only from the table. Positions only grow, so one read here is never wrongly reached.
 */
final class SharedPositions {

    private static final String POSITIONS = """
            select topic, partition, next_offset from consumer_position where consumer = $1""";

    private final Pool pool;
    private final String consumer;
    private final Duration pollInterval;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicReference<SharedRead> lastRead = new AtomicReference<>();

    SharedPositions(Pool pool, String consumer, Duration pollInterval) {
        this.pool = pool;
        this.consumer = consumer;
        this.pollInterval = pollInterval;
    }

    /** The partition's position as last read; 0 if none was read. */
    long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    /**
     * Reads the table, at most once per poll interval for all waiters together: whatever number of requests wait,
     * the table is read at the same pace (a caller with an invented position costs no queries).
     */
    CompletableFuture<Void> read() {
        SharedRead last = lastRead.get();
        long now = System.nanoTime();
        if (last != null && (!last.done().isDone() || now - last.startedAt() < pollInterval.toNanos())) {
            return last.done();
        }
        SharedRead next = new SharedRead(now, new CompletableFuture<>());
        if (!lastRead.compareAndSet(last, next)) {
            return lastRead.get().done();
        }
        pool.preparedQuery(POSITIONS).execute(Tuple.of(consumer)).subscribe().with(rows -> {
            rows.forEach(row -> positions.merge(new TopicPartition(row.getString("topic"),
                    row.getInteger("partition")), row.getLong("next_offset"), Math::max));
            next.done().complete(null);
        }, next.done()::completeExceptionally);
        return next.done();
    }

    private record SharedRead(long startedAt, CompletableFuture<Void> done) {
    }
}
