package org.colloquy.messaging.catchup;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this instance's consumers got in each partition (the next offset to process), with waiters that are told
 * the moment a position reaches their target. The inbox advances positions after each commit.
 */
@ApplicationScoped
public class ConsumerPositions {

    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    private record Waiter(Map<TopicPartition, Long> targets, CompletableFuture<Void> reached) {
    }

    public void advance(String topic, int partition, long nextOffset) {
        positions.merge(new TopicPartition(topic, partition), nextOffset, Math::max);
        for (Waiter waiter : waiters) {
            if (reached(waiter.targets())) {
                waiter.reached().complete(null);
                waiters.remove(waiter);
            }
        }
    }

    public long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    public boolean reached(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(target -> position(target.getKey()) >= target.getValue());
    }

    /** Completes when every target is reached locally; the caller cancels it when it stops waiting. */
    public CompletableFuture<Void> whenReached(Map<TopicPartition, Long> targets) {
        Waiter waiter = new Waiter(Map.copyOf(targets), new CompletableFuture<>());
        waiters.add(waiter);
        waiter.reached().whenComplete((done, failure) -> waiters.remove(waiter));
        if (reached(targets)) { // reached between the caller's check and the registration
            waiter.reached().complete(null);
        }
        return waiter.reached();
    }
}
