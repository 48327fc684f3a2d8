package org.colloquy.messaging.telemetry;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.messaging.catchup.CatchUp;
import org.colloquy.messaging.catchup.ConsumerPositions;

/**
 * Refreshes the gauges that need a query, at a bounded rate and without blocking: the outbox backlog (a count of a
 * table that is normally empty, and its oldest row through the {@code seq} index), the parked rows (another table
 * that is normally empty) and the consumer lag (the shared
 * position table by its primary key, and one end-offsets request to Kafka).
 */
@ApplicationScoped
public class MessagingGauges {

    private static final String OUTBOX = """
            select count(*) as pending,
                   coalesce(cast(extract(epoch from now() - (select occurred_at from outbox_event order by seq limit 1))
                            as bigint), 0) as oldest,
                   (select count(*) from outbox_parked) as parked
            from outbox_event""";
    private static final String POSITIONS = "select topic, partition, next_offset from consumer_position "
            + "where consumer = $1";

    private final Pool pool;
    private final CatchUp catchUp;
    private final ConsumerPositions positions;
    private final MessagingMetrics metrics;
    private final String consumer;

    public MessagingGauges(Pool pool, CatchUp catchUp, ConsumerPositions positions, MessagingMetrics metrics,
            MessagingConfig config) {
        this.pool = pool;
        this.catchUp = catchUp;
        this.positions = positions;
        this.metrics = metrics;
        this.consumer = config.service();
    }

    @Scheduled(identity = "colloquy-messaging-gauges", every = "${colloquy.messaging.metrics.refresh-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> refresh() {
        return refreshOutbox().chain(this::refreshLag).onFailure().recoverWithUni(failure -> {
            Log.debugf("Messaging gauges not refreshed: %s", failure.getMessage());
            return Uni.createFrom().voidItem(); // the gauges keep their last values
        });
    }

    private Uni<Void> refreshOutbox() {
        return pool.query(OUTBOX).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            metrics.outbox(row.getLong("pending"), Math.max(0, row.getLong("oldest")), row.getLong("parked"));
        }).replaceWithVoid();
    }

    /**
     * Lag per partition this service's consumers have a position in: end offset minus the furthest position, the
     * local one or the shared one (another replica may own the partition).
     */
    private Uni<Void> refreshLag() {
        return pool.preparedQuery(POSITIONS).execute(Tuple.of(consumer)).chain(rows -> {
            Map<TopicPartition, Long> shared = new HashMap<>();
            rows.forEach(row -> shared.put(new TopicPartition(row.getString("topic"), row.getInteger("partition")),
                    row.getLong("next_offset")));
            if (shared.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Set<String> topics = shared.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
            return catchUp.endOffsets(topics).invoke(ends -> shared.forEach((partition, position) -> {
                Long end = ends.get(partition);
                if (end != null) {
                    long consumed = Math.max(position, positions.position(partition));
                    metrics.lag(partition, Math.max(0, end - consumed));
                }
            })).replaceWithVoid();
        });
    }
}
