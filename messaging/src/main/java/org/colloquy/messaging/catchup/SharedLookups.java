package org.colloquy.messaging.catchup;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Lookups shared by concurrent callers, one at a time per key. Kafka's admin client has one request in flight per
 * broker connection, so a lookup per request serialises every request of the service behind two broker round trips
 * each (the benchmark's write path saturated at about 20 requests/s this way on a busy 2-core machine). A caller that
 * arrives while a lookup runs joins the next one, which starts when the running one ends; it never uses a lookup that
 * started before it arrived, so it never gets an answer older than its own question.
 */
final class SharedLookups<K, V> {

    private final Function<K, Uni<V>> lookup;
    private final Map<K, Queue> queues = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();

    SharedLookups(Function<K, Uni<V>> lookup) {
        this.lookup = lookup;
    }

    /**
     * The answer of a lookup for the key that starts now or, while one runs, of the one that starts after it, shared
     * with every caller that arrives meanwhile.
     */
    CompletableFuture<V> next(K key) {
        return queues.computeIfAbsent(key, Queue::new).next();
    }

    /** How many lookups were started. */
    long started() {
        return started.get();
    }

    /** The lookup running for one key and the one queued behind it. */
    private final class Queue {
        private final K key;
        private CompletableFuture<V> running;
        private CompletableFuture<V> queued;

        Queue(K key) {
            this.key = key;
        }

        CompletableFuture<V> next() {
            CompletableFuture<V> start;
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

        private void launch(CompletableFuture<V> answer) {
            answer.whenComplete((value, failure) -> {
                CompletableFuture<V> following;
                synchronized (this) {
                    following = queued;
                    queued = null;
                    running = following;
                }
                if (following != null) {
                    launch(following);
                }
            });
            started.incrementAndGet();
            lookup.apply(key).subscribe().with(answer::complete, answer::completeExceptionally);
        }
    }
}
