package org.colloquy.messaging.outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes whatever the request path left behind: rows of a request whose wait ran out, of a crashed instance, of
 * a broker outage, or written outside a request (jobs, consumers). Drains in batches until the outbox is empty, on its
 * schedule and, through {@link #drainSoon()}, as soon as a request's pass ended next to other rows of its keys.
 */
@ApplicationScoped
public class OutboxSweep {

    private final OutboxRelay relay;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxSweep(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(identity = "colloquy-outbox-sweep", every = "${colloquy.messaging.outbox.sweep-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> sweep() {
        return drain().onFailure().recoverWithUni(failure -> {
            Log.debugf("Outbox sweep stopped: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * A drain now, in the background: a request's pass left rows behind an earlier row of their key (another pass in
     * flight), or published rows that later ones of their key may be waiting behind. Without it those rows waited for
     * the next scheduled run (up to a second: comment to notification p99 1 s when comments on one article
     * overlapped). Calls while a drain runs make one more drain after it, not one each.
     */
    public void drainSoon() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            drainWhileAsked();
        }
    }

    private void drainWhileAsked() {
        again.set(false);
        drain().subscribe().with(done -> drained(), failure -> {
            Log.debugf("Outbox drain stopped: %s", failure.getMessage());
            drained();
        });
    }

    private void drained() {
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            drainWhileAsked();
        }
    }

    /** Publishes batches until one comes back short of a full batch. */
    public Uni<Void> drain() {
        return relay.publishOldest().chain(published -> {
            if (published > 0) {
                Log.debugf("Outbox sweep published %d events", published);
            }
            return published >= relay.batchSize() ? drain() : Uni.createFrom().voidItem();
        });
    }
}
