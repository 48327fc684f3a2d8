package org.colloquy.messaging.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.colloquy.messaging.MessagingConfig;

/**
 * Outbox rows that a request of this instance appended and will publish itself, right after its commit
 * ({@link PublishBeforeResponse}): the sweep leaves them alone meanwhile. Taken by the sweep, a row would be missing
 * from that request's {@code Colloquy-Written} header and its caller would not read its own write. A row is held
 * only until its request's publishing pass ended, and never longer than {@code publish-wait} (a request that failed
 * after its commit never comes for it); rows written outside a request (jobs, consumers) are never held, so the sweep
 * publishes them at its next run.
 */
@ApplicationScoped
public class HeldForRequests {

    private final Map<UUID, Long> deadlines = new ConcurrentHashMap<>();
    private final long holdNanos;

    public HeldForRequests(MessagingConfig config) {
        this.holdNanos = config.outbox().publishWait().toNanos();
    }

    void hold(UUID id) {
        deadlines.put(id, System.nanoTime() + holdNanos);
    }

    void release(Collection<UUID> ids) {
        ids.forEach(deadlines::remove);
    }

    /** The rows held now; those past their deadline are let go on the way. */
    UUID[] held() {
        long now = System.nanoTime();
        deadlines.entrySet().removeIf(entry -> entry.getValue() - now < 0);
        return deadlines.keySet().toArray(UUID[]::new);
    }
}
