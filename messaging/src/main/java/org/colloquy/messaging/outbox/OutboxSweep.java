package org.colloquy.messaging.outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes whatever the request path left behind: rows of a request whose wait ran out, of a crashed instance, of
 * a broker outage, or written outside a request (jobs, consumers). Drains in batches until the outbox is empty.
 */
@ApplicationScoped
public class OutboxSweep {

    private final OutboxRelay relay;

    public OutboxSweep(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(identity = "colloquy-outbox-sweep", every = "${colloquy.messaging.outbox.sweep-interval:500ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> sweep() {
        return drain().onFailure().recoverWithUni(failure -> {
            Log.debugf("Outbox sweep stopped: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
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
