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
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.colloquy.messaging.MessagingConfig;

/**
 * Read-your-writes across services. A service that answers from a replica fed by another service's events calls
 * {@link #await(String...)} first: it reads the end offsets of the topics' partitions from Kafka and waits, bounded,
 * until this service's consumers have processed up to them. Waiting is driven by the consumers' progress (local
 * signals) and by the shared position table for partitions another replica consumes; nothing sleeps blindly.
 */
@ApplicationScoped
public class CatchUp {

    private static final String POSITIONS = """
            select topic, partition, next_offset from consumer_position where consumer = $1 and topic = any($2)""";

    private final Map<String, Object> kafkaConfig;
    private final ConsumerPositions positions;
    private final Pool pool;
    private final String consumer;
    private final MessagingConfig.CatchUp config;
    private volatile Admin admin;
    private final Map<Set<String>, Lookups> lookups = new ConcurrentHashMap<>();
    private final Map<Set<String>, KnownPartitions> knownPartitions = new ConcurrentHashMap<>();

    public CatchUp(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerPositions positions,
            Pool pool, MessagingConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.positions = positions;
        this.pool = pool;
        this.consumer = config.service();
        this.config = config.catchUp();
    }

    /**
     * Completes with true once this service has processed every record that was in the topics when it was called,
     * or with false after the configured timeout (the caller then answers from the replica as it is). Never fails.
     */
    public Uni<Boolean> await(String... topics) {
        Executor caller = callerContext();
        long started = System.nanoTime();
        return sharedEndOffsets(Set.of(topics))
                .chain(targets -> positions.reached(targets) ? Uni.createFrom().item(true) : waitFor(targets))
                .ifNoItem().after(config.timeout()).recoverWithItem(false)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Catch-up on %s failed: %s", List.of(topics), failure.getMessage());
                    return false;
                })
                .invoke(caughtUp -> {
                    if (!caughtUp) {
                        Log.warnf("%s did not catch up with %s within %s; answering from the replica as it is",
                                consumer, List.of(topics), config.timeout());
                    } else {
                        Log.tracef("Caught up with %s in %d µs", List.of(topics),
                                (System.nanoTime() - started) / 1000);
                    }
                })
                .emitOn(caller);
    }

    private Uni<Boolean> waitFor(Map<TopicPartition, Long> targets) {
        Uni<Boolean> local = Uni.createFrom().completionStage(() -> positions.whenReached(targets)).replaceWith(true);
        Uni<Boolean> shared = Multi.createFrom().ticks().every(config.pollInterval())
                .onOverflow().drop() // a tick while the previous query still runs is simply skipped
                .onItem().transformToUniAndConcatenate(tick -> reachedInSharedPositions(targets))
                .filter(Boolean::booleanValue)
                .toUni();
        return Uni.combine().any().of(local, shared);
    }

    private Uni<Boolean> reachedInSharedPositions(Map<TopicPartition, Long> targets) {
        String[] topics = targets.keySet().stream().map(TopicPartition::topic).distinct().toArray(String[]::new);
        return pool.preparedQuery(POSITIONS).execute(Tuple.of(consumer, topics)).map(rows -> {
            Map<TopicPartition, Long> shared = new HashMap<>();
            rows.forEach(row -> shared.put(new TopicPartition(row.getString("topic"), row.getInteger("partition")),
                    row.getLong("next_offset")));
            return targets.entrySet().stream().allMatch(target -> Math.max(shared.getOrDefault(target.getKey(), 0L),
                    positions.position(target.getKey())) >= target.getValue());
        });
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

    /** Kafka completes futures on its own threads; the caller's chain (Hibernate Reactive) must resume on its context. */
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
