package org.colloquy.messaging.outbox;

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
import org.colloquy.messaging.MessagingConfig;
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
    private final URI source;
    private final int batchSize;

    public OutboxRelay(Pool pool, @Channel("colloquy-outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> kafka, MessagingConfig config) {
        this.pool = pool;
        this.kafka = kafka;
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
                .chain(publishable -> send(publishable).chain(() -> deletePublished(connection, publishable)));
    }

    /**
     * Runs after Kafka acknowledged the rows and before their deletion commits: a crash here republishes them, which
     * consumers recognise as duplicates. The fault-injection suite halts the service exactly here (and on entry to
     * {@link #send}) with a Byteman rule; keep both names stable.
     */
    private Uni<Integer> deletePublished(SqlConnection connection, List<OutboxRow> published) {
        return connection.preparedQuery(DELETE)
                .execute(Tuple.of(published.stream().map(OutboxRow::id).toArray(UUID[]::new)))
                .map(deleted -> published.size());
    }

    /** Sends in seq order and completes when Kafka acknowledged every record; fails if any was not. */
    private Uni<Void> send(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(kafka.sendMessage(toMessage(row)));
        }
        return Uni.join().all(acks).andCollectFailures().replaceWithVoid()
                .onFailure().invoke(failure -> Log.warnf("Kafka did not acknowledge outbox events %s: %s",
                        new LinkedHashSet<>(rows.stream().map(OutboxRow::id).toList()), failure.getMessage()));
    }

    private Message<String> toMessage(OutboxRow row) {
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
                        .build());
    }
}
