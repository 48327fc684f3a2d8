package org.colloquy.messaging.catchup;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.colloquy.events.WrittenPositions;
import org.colloquy.messaging.MessagingConfig;

/**
 * Read-your-writes across services, paid only by callers who wrote something. A service that answers from a replica
 * fed by another service's events calls {@link #awaitWritten(String...)} first: it waits, bounded, until this
 * service's consumers processed the caller's own writes on those topics, as the request's
 * {@value WrittenPositions#HEADER} header names them ({@link CallerWrites}); without the header it answers at once,
 * and it never asks Kafka anything. A lookup that misses in the replica (an unknown slug, an unknown user) uses
 * {@link #retryOnMiss}: it waits for everything that is in the topics ({@link #awaitEnd(String...)}, one end-offsets
 * lookup) and tries once more. Waiting is driven by the consumers' progress (local signals) and by the shared position
 * table for partitions another replica consumes; nothing sleeps blindly.
 */
@ApplicationScoped
public class CatchUp {

    private static final String POSITIONS = """
            select topic, partition, next_offset from consumer_position where consumer = $1""";

    private final Map<String, Object> kafkaConfig;
    private final ConsumerPositions positions;
    private final Pool pool;
    private final String consumer;
    private final MessagingConfig.CatchUp config;
    private volatile Admin admin;
    private final Map<Set<String>, Lookups> lookups = new ConcurrentHashMap<>();
    private final Map<Set<String>, KnownPartitions> knownPartitions = new ConcurrentHashMap<>();
    private final AtomicLong endOffsetLookups = new AtomicLong();
    /** The positions other replicas of this service reached, as last read; they only grow, so never wrongly reached. */
    private final Map<TopicPartition, Long> sharedPositions = new ConcurrentHashMap<>();
    private final AtomicReference<SharedRead> lastSharedRead = new AtomicReference<>();

    public CatchUp(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerPositions positions,
            Pool pool, MessagingConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.positions = positions;
        this.pool = pool;
        this.consumer = config.service();
        this.config = config.catchUp();
    }

    /**
     * Completes with true once this service processed what the caller wrote on the topics (the request's
     * {@value WrittenPositions#HEADER}), at once when the caller wrote nothing there, or with false after the
     * configured timeout (the caller then answers from the replica as it is). No broker round trip; never fails.
     */
    public Uni<Boolean> awaitWritten(String... topics) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        CallerWrites.current().on(Set.of(topics)).forEach((partition, position) -> targets.put(
                new TopicPartition(partition.topic(), partition.partition()), position));
        if (targets.isEmpty() || reached(targets)) {
            return Uni.createFrom().item(true);
        }
        return bounded(Uni.createFrom().deferred(() -> waitFor(targets)), "the caller's writes on", topics);
    }

    /**
     * Completes with true once this service has processed every record that was in the topics when it was called,
     * or with false after the configured timeout. Costs an end-offsets lookup at the broker (shared by concurrent
     * callers): for a replica miss, not for every read. Never fails.
     */
    public Uni<Boolean> awaitEnd(String... topics) {
        return bounded(sharedEndOffsets(Set.of(topics))
                .chain(targets -> reached(targets) ? Uni.createFrom().item(true) : waitFor(targets)),
                "the end of", topics);
    }

    /**
     * The miss-driven rule: runs the replica lookup; if it fails with a miss (an unknown slug or user, which may only
     * not have arrived yet), waits for the end of the topics ({@link #awaitEnd}) and runs it exactly once more. A hit
     * costs nothing extra. If the end could not be confirmed (broker unreachable, or behind by more than the
     * timeout), a second miss fails with {@link NotCaughtUp} instead.
     */
    public <T> Uni<T> retryOnMiss(Predicate<Throwable> miss, Supplier<Uni<T>> lookup, String... topics) {
        return Uni.createFrom().deferred(lookup::get).onFailure(miss).recoverWithUni(failure -> awaitEnd(topics)
                .chain(caughtUp -> secondLookup(caughtUp, miss, lookup, consumer, List.of(topics))));
    }

    /**
     * The second try: its miss is the answer once caught up; if catching up could not be confirmed, a miss is
     * {@link NotCaughtUp} (the thing may exist: "try again", not "not found").
     */
    static <T> Uni<T> secondLookup(boolean caughtUp, Predicate<Throwable> miss, Supplier<Uni<T>> lookup,
            String consumer, List<String> topics) {
        Uni<T> again = Uni.createFrom().deferred(lookup::get);
        return caughtUp ? again : again.onFailure(miss).transform(stillMissing -> new NotCaughtUp(consumer, topics,
                stillMissing));
    }

    /** How many end-offset lookups catch-up made at the broker (one per {@link #awaitEnd} batch, none otherwise). */
    public long endOffsetLookups() {
        return endOffsetLookups.get();
    }

    private Uni<Boolean> bounded(Uni<Boolean> waiting, String what, String... topics) {
        Executor caller = callerContext();
        long started = System.nanoTime();
        return waiting
                .ifNoItem().after(config.timeout()).recoverWithItem(false)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Catch-up on %s failed: %s", List.of(topics), failure.getMessage());
                    return false;
                })
                .invoke(caughtUp -> {
                    if (!caughtUp) {
                        Log.warnf("%s did not catch up with %s %s within %s; answering from the replica as it is",
                                consumer, what, List.of(topics), config.timeout());
                    } else {
                        Log.tracef("Caught up with %s %s in %d µs", what, List.of(topics),
                                (System.nanoTime() - started) / 1000);
                    }
                })
                .emitOn(caller);
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(target -> Math.max(positions.position(target.getKey()),
                sharedPositions.getOrDefault(target.getKey(), 0L)) >= target.getValue());
    }

    private Uni<Boolean> waitFor(Map<TopicPartition, Long> targets) {
        Uni<Boolean> local = Uni.createFrom().completionStage(() -> positions.whenReached(targets)).replaceWith(true);
        Uni<Boolean> shared = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1))
                .every(config.pollInterval())
                .onOverflow().drop() // a tick while the previous read still runs is simply skipped
                // each waiter its own stage: a waiter's timeout cancels its wait, never the read others share
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom()
                        .completionStage(() -> readShared().thenApply(read -> reached(targets)))
                        .onFailure().recoverWithItem(false)) // a failed read: the next tick reads again
                .filter(Boolean::booleanValue)
                .toUni();
        return Uni.combine().any().of(local, shared);
    }

    /**
     * Reads the shared position table, at most once per poll interval for all waiters together: whatever number of
     * requests wait, the table is read at the same pace (a caller with an invented position costs no queries).
     */
    private CompletableFuture<Void> readShared() {
        SharedRead last = lastSharedRead.get();
        long now = System.nanoTime();
        if (last != null && (!last.done().isDone() || now - last.startedAt() < config.pollInterval().toNanos())) {
            return last.done();
        }
        SharedRead next = new SharedRead(now, new CompletableFuture<>());
        if (!lastSharedRead.compareAndSet(last, next)) {
            return lastSharedRead.get().done();
        }
        pool.preparedQuery(POSITIONS).execute(Tuple.of(consumer)).subscribe().with(rows -> {
            rows.forEach(row -> sharedPositions.merge(new TopicPartition(row.getString("topic"),
                    row.getInteger("partition")), row.getLong("next_offset"), Math::max));
            next.done().complete(null);
        }, next.done()::completeExceptionally);
        return next.done();
    }

    private record SharedRead(long startedAt, CompletableFuture<Void> done) {
    }

    /**
     * The end offsets, read after this call: concurrent callers share one lookup. Kafka's admin client has one request
     * in flight per broker connection, so a lookup per request serialises every request of the service behind two
     * broker round trips each (the benchmark's write path saturated at about 20 requests/s this way on a busy 2-core
     * machine). A caller that arrives while a lookup runs joins the next one, which starts when the running one
     * ends; it never uses a lookup that started before it arrived.
     */
    private Uni<Map<TopicPartition, Long>> sharedEndOffsets(Set<String> topics) {
        return Uni.createFrom().completionStage(() -> lookups.computeIfAbsent(topics, Lookups::new).next()
                // each caller gets its own stage: a caller's timeout cancels its own wait, never the shared lookup
                .thenApply(offsets -> offsets));
    }

    /** The lookup running for one set of topics and the one queued behind it. */
    private final class Lookups {
        private final Set<String> topics;
        private CompletableFuture<Map<TopicPartition, Long>> running;
        private CompletableFuture<Map<TopicPartition, Long>> queued;

        Lookups(Set<String> topics) {
            this.topics = topics;
        }

        CompletableFuture<Map<TopicPartition, Long>> next() {
            CompletableFuture<Map<TopicPartition, Long>> start;
            synchronized (this) {
                if (running != null) {
                    if (queued == null) {
                        queued = new CompletableFuture<>();
                    }
                    return queued;
                }
                running = new CompletableFuture<>();
                start = running;
            }
            launch(start);
            return start;
        }

        private void launch(CompletableFuture<Map<TopicPartition, Long>> lookup) {
            lookup.whenComplete((offsets, failure) -> {
                CompletableFuture<Map<TopicPartition, Long>> following;
                synchronized (this) {
                    following = queued;
                    queued = null;
                    running = following;
                }
                if (following != null) {
                    launch(following);
                }
            });
            endOffsetLookups.incrementAndGet();
            endOffsets(topics).subscribe().with(lookup::complete, lookup::completeExceptionally);
        }
    }

    /**
     * The end offset (offset of the next record) of every partition of the topics; a missing topic has none.
     * Completes on a Kafka client thread.
     */
    public Uni<Map<TopicPartition, Long>> endOffsets(Set<String> topics) {
        Admin client = admin();
        return partitions(client, topics).chain(partitions -> {
            if (partitions.isEmpty()) {
                return Uni.createFrom().item(Map.<TopicPartition, Long> of());
            }
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return fromKafka(client.listOffsets(latest).all()).map(offsets -> offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
        });
    }

    /**
     * The topics' partitions, described again only after {@code catch-up.partitions-refresh}: partitions are added
     * rarely (an operator's act), while describing them on every lookup was one broker round trip per write. Missing
     * topics are not remembered, so a topic created later is found on the next lookup.
     */
    private Uni<List<TopicPartition>> partitions(Admin client, Set<String> topics) {
        KnownPartitions known = knownPartitions.get(topics);
        if (known != null && System.nanoTime() - known.describedAt() < config.partitionsRefresh().toNanos()) {
            return Uni.createFrom().item(known.partitions());
        }
        return fromKafka(client.describeTopics(topics).allTopicNames())
                .map(descriptions -> {
                    List<TopicPartition> partitions = descriptions.values().stream().flatMap(CatchUp::partitions)
                            .toList();
                    knownPartitions.put(topics, new KnownPartitions(partitions, System.nanoTime()));
                    return partitions;
                })
                .onFailure(UnknownTopicOrPartitionException.class).recoverWithItem(List.of());
    }

    private record KnownPartitions(List<TopicPartition> partitions, long describedAt) {
    }

    private static java.util.stream.Stream<TopicPartition> partitions(TopicDescription description) {
        return description.partitions().stream().map(p -> new TopicPartition(description.name(), p.partition()));
    }

    private static <T> Uni<T> fromKafka(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> adminConfig = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            adminConfig.put(key, value);
                        }
                    });
                    adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, consumer + "-catch-up");
                    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
                    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
                    admin = Admin.create(adminConfig);
                }
                client = admin;
            }
        }
        return client;
    }

    /**
     * Kafka completes futures on its own threads; the caller's chain (Hibernate Reactive) must resume on its context.
     */
    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

}
