package org.colloquy.messaging.catchup;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
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
 * table for partitions another replica consumes ({@link SharedPositions}); nothing sleeps blindly.
 */
@ApplicationScoped
public class CatchUp {

    private final ConsumerPositions positions;
    private final SharedPositions shared;
    private final EndOffsets endOffsets;
    private final SharedLookups<Set<String>, Map<TopicPartition, Long>> lookups;
    private final String consumer;
    private final MessagingConfig.CatchUp config;

    public CatchUp(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerPositions positions,
            Pool pool, MessagingConfig config) {
        this.positions = positions;
        this.consumer = config.service();
        this.config = config.catchUp();
        this.shared = new SharedPositions(pool, consumer, this.config.pollInterval());
        this.endOffsets = new EndOffsets(kafkaConfig, consumer, this.config.partitionsRefresh());
        this.lookups = new SharedLookups<>(endOffsets::of);
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
     * callers: {@link SharedLookups}): for a replica miss, not for every read. Never fails.
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
        return lookups.started();
    }

    /**
     * The end offset (offset of the next record) of every partition of the topics; a missing topic has none.
     * Completes on a Kafka client thread.
     */
    public Uni<Map<TopicPartition, Long>> endOffsets(Set<String> topics) {
        return endOffsets.of(topics);
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
                shared.position(target.getKey())) >= target.getValue());
    }

    private Uni<Boolean> waitFor(Map<TopicPartition, Long> targets) {
        Uni<Boolean> local = Uni.createFrom().completionStage(() -> positions.whenReached(targets)).replaceWith(true);
        Uni<Boolean> remote = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1))
                .every(config.pollInterval())
                .onOverflow().drop() // a tick while the previous read still runs is simply skipped
                // each waiter its own stage: a waiter's timeout cancels its wait, never the read others share
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom()
                        .completionStage(() -> shared.read().thenApply(read -> reached(targets)))
                        .onFailure().recoverWithItem(false)) // a failed read: the next tick reads again
                .filter(Boolean::booleanValue)
                .toUni();
        return Uni.combine().any().of(local, remote);
    }

    /** The end offsets, read after this call: concurrent callers share one lookup ({@link SharedLookups}). */
    private Uni<Map<TopicPartition, Long>> sharedEndOffsets(Set<String> topics) {
        return Uni.createFrom().completionStage(() -> lookups.next(topics)
                // each caller gets its own stage: a caller's timeout cancels its own wait, never the shared lookup
                .thenApply(offsets -> offsets));
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
        endOffsets.close();
    }
}
