package org.colloquy.messaging.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.colloquy.events.WrittenPositions;
import org.colloquy.messaging.MessagingConfig;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Publishes the events a request appended to the outbox before its response is sent, so that a client that got a
 * 2xx can rely on the rest of the platform hearing of its write. The wait is bounded: when Kafka is slow or down the
 * response goes out anyway and the sweep publishes the rows later; for a while after such a miss, requests do not
 * wait at all.
 *
 * <p>Once Kafka acknowledged them, the response says where they are, in the {@value WrittenPositions#HEADER} header
 * ({@link WrittenPositions}): the gateway sends it with the caller's next requests, so that a service answering from a
 * replica waits for exactly these events, and a caller who wrote nothing never waits. Without the acknowledgement in
 * time the header is absent.
 */
@ApplicationScoped
public class PublishBeforeResponse {

    private final OutboxRelay relay;
    private final Duration publishWait;

    private final HeldForRequests held;
    private final OutboxSweep sweep;

    public PublishBeforeResponse(OutboxRelay relay, HeldForRequests held, OutboxSweep sweep, MessagingConfig config) {
        this.relay = relay;
        this.held = held;
        this.sweep = sweep;
        this.publishWait = config.outbox().publishWait();
    }

    @ServerResponseFilter
    public Uni<Void> publishPendingEvents(ContainerResponseContext response) {
        List<UUID> pending = Outbox.takePending();
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (relay.brokerUnresponsive()) {
            Log.debugf("Kafka is not answering: events %s are left to the outbox sweep", pending);
            held.release(pending);
            return Uni.createFrom().voidItem();
        }
        // The relay's pass runs to its end on its own subscription: the response's timeout must not cancel it half-way
        // (that would leave the rows claimed, sent and not deleted, until the claim expires and they go out twice).
        Uni<OutboxRelay.Published> publishing = relay.publish(pending).memoize().indefinitely();
        // once this pass ended, what it did not publish (held behind an earlier row of its key, not acknowledged) is
        // the sweep's: at once when rows of its keys wait on each other, else at its next run
        publishing.subscribe().with(published -> {
            held.release(pending);
            if (published.sharedKeys()) {
                sweep.drainSoon();
            }
        }, failure -> {
            held.release(pending);
            Log.debugf("Publishing %s failed: %s", pending, failure.getMessage());
        });
        return publishing
                .ifNoItem().after(publishWait).fail()
                .onFailure().invoke(failure -> {
                    relay.waitedInVain();
                    Log.warnf("Events %s not yet acknowledged (%s); the outbox sweep will publish them", pending,
                            failure.getMessage());
                })
                .onItemOrFailure().transform((published, failure) -> {
                    WrittenPositions written = published == null ? null : published.written();
                    if (written != null && !written.isEmpty()) {
                        response.getHeaders().putSingle(WrittenPositions.HEADER, written.header());
                    }
                    return null;
                });
    }
}
