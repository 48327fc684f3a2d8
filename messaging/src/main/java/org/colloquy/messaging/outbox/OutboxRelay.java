package org.colloquy.messaging.outbox;

import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.colloquy.events.WrittenPositions;
import org.colloquy.messaging.MessagingConfig;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka and deletes them once Kafka acknowledged them. A relay first claims rows for a short
 * lease (one quick statement, {@code SKIP LOCKED}), so that several relays (threads or replicas) never publish the
 * same row at the same time; no database connection or transaction is held while Kafka is waited for, so a slow or
 * absent broker cannot drain the connection pool. A relay that dies leaves its claims to expire; the sweep then
 * publishes the rows again and consumers skip the copies. Per-key order: a row is published only when no earlier
 * row of its key is still pending, so the events of one aggregate reach Kafka in the order they were committed.
 * (Writes to one aggregate lock its row, so their outbox rows commit in {@code seq} order.) A row Kafka refuses for
 * good (too large, invalid) is parked ({@link ParkedEvents}) and the rows behind it, of its key too, go on: one event
 * missing from an aggregate's stream is better than every later event of the service held back behind it.
 *
 * <p>One pass: claim ({@link OutboxClaims}, {@link ClaimedRows}), send ({@link RowPublisher}), then settle what Kafka
 * answered ({@link Sent}).
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxClaims claims;
    private final RowPublisher publisher;
    private final ParkedEvents parked;
    private final HeldForRequests held;
    private final BrokerResponsiveness broker = new BrokerResponsiveness();
    private final int batchSize;

    public OutboxRelay(Pool pool, @Channel("colloquy-outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> kafka, MessagingMetrics metrics, ParkedEvents parked, HeldForRequests held,
            Tracer tracer, MessagingConfig config) {
        this.claims = new OutboxClaims(pool, config.outbox().claimLease());
        this.publisher = new RowPublisher(kafka, tracer, metrics, URI.create("urn:colloquy:" + config.service()));
        this.parked = parked;
        this.held = held;
        this.batchSize = config.outbox().batchSize();
    }

    /**
     * Publishes the given rows if they are still pending and unclaimed; answers where Kafka put the ones this pass
     * published (rows another pass claimed, or held behind an earlier row of their key, are not in it). Fails when
     * Kafka did not acknowledge some of them.
     */
    public Uni<Published> publish(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Published.NOTHING);
        }
        return claims.claim(ids).chain(this::publishClaimed);
    }

    /** Publishes the oldest pending rows, at most one batch; returns how many left the outbox (published or parked). */
    public Uni<Integer> publishOldest() {
        return claims.claimOldest(batchSize, held.held()).chain(this::publishClaimed).map(Published::count);
    }

    /**
     * What left the outbox in one pass (published or parked), where Kafka put the published records, and whether
     * other rows of the pass's keys were pending: rows it had to leave behind an earlier one, or rows that may be
     * waiting behind its own.
     */
    record Published(int count, WrittenPositions written, boolean sharedKeys) {
        static final Published NOTHING = new Published(0, WrittenPositions.NONE, false);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * True for a while after a request waited in vain for Kafka or a send failed, until the next acknowledgement:
     * requests then leave their events to the sweep instead of each waiting for a broker that is not answering
     * ({@link BrokerResponsiveness}).
     */
    public boolean brokerUnresponsive() {
        return broker.unresponsive();
    }

    /** Called when a request's wait for Kafka ran out. */
    public void waitedInVain() {
        broker.missed();
    }

    private Uni<Published> publishClaimed(ClaimedRows claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(Published.NOTHING);
        }
        return claims.release(claimed.heldBack()).replaceWith(claimed.publishable())
                .chain(rowsToSend -> send(rowsToSend).chain(this::settle))
                .map(done -> claimed.sharedKeys() ? new Published(done.count(), done.written(), true) : done);
    }

    /**
     * Deletes what Kafka acknowledged, parks what it refused for good and releases the rest. Completes with the number
     * of rows that left the outbox, or fails when some rows were not acknowledged (the broker is unavailable or slow):
     * those are published again by the sweep.
     */
    private Uni<Published> settle(Sent sent) {
        return deletePublished(sent.acknowledged())
                .chain(deleted -> parked.park(sent.refused())
                        .onFailure().recoverWithUni(failure -> {
                            Log.warnf("Refused outbox events %s not parked (%s); they are sent again",
                                    sent.refused().keySet().stream().map(OutboxRow::id).toList(), failure.getMessage());
                            return claims.release(List.copyOf(sent.refused().keySet())).replaceWith(0);
                        })
                        .map(parkedRows -> deleted + parkedRows))
                .call(() -> claims.release(sent.failed()))
                .onItem().transformToUni(done -> sent.failure() == null
                        ? Uni.createFrom().item(new Published(done, sent.written(), false))
                        : Uni.createFrom().failure(sent.failure()));
    }

    /**
     * Runs after Kafka acknowledged the rows and before their deletion: a crash here republishes them once the claim
     * expired, and consumers recognise the copies. The fault-injection suite halts the service exactly here (and on
     * entry to {@link #send}) with a Byteman rule; keep both names and parameters stable, and both in this class.
     */
    private Uni<Integer> deletePublished(List<OutboxRow> published) {
        return claims.delete(published);
    }

    /**
     * Sends in seq order and completes when Kafka answered for every record: acknowledged it, refused it for good
     * (too large, invalid: {@link ParkedEvents#refusal}), or did not acknowledge it in time. Never fails.
     */
    private Uni<Sent> send(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Sent.NOTHING);
        }
        List<Uni<Sent.Outcome>> outcomes = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            outcomes.add(publisher.send(row));
        }
        return Uni.join().all(outcomes).andFailFast().map(results -> {
            Sent sent = Sent.of(rows, results);
            if (sent.failure() != null) {
                waitedInVain();
                Log.warnf("Kafka did not acknowledge outbox events %s: %s",
                        sent.failed().stream().map(OutboxRow::id).toList(), sent.failure().getMessage());
            } else if (!sent.acknowledged().isEmpty()) {
                broker.acknowledged();
            }
            return sent;
        });
    }
}
