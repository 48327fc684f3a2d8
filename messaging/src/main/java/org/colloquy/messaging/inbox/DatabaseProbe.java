package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Tells a database outage from a record's fault: when a handler kept failing, a database that does not answer is the
 * likelier cause, and the record waits for it instead of being dead-lettered ({@link HandlerRetries}).
 */
final class DatabaseProbe {

    private final Supplier<Uni<?>> ping;
    private final Duration pause;
    private final String consumer;

    /** {@code ping} completes if the database answers; {@code pause} is the time between pings while it does not. */
    DatabaseProbe(Supplier<Uni<?>> ping, Duration pause, String consumer) {
        this.ping = ping;
        this.pause = pause;
        this.consumer = consumer;
    }

    static DatabaseProbe of(Pool pool, Duration pause, String consumer) {
        return new DatabaseProbe(() -> pool.query("select 1").execute(), pause, consumer);
    }

    Uni<Boolean> reachable() {
        return Uni.createFrom().deferred(ping::get).map(answer -> true).onFailure().recoverWithItem(false);
    }

    /** Completes once the database answers again, asking it once per pause. */
    Uni<Void> awaitReachable() {
        Log.warnf("Database unreachable: %s waits for it before retrying", consumer);
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                .chain(this::reachable)
                .chain(reachable -> reachable ? Uni.createFrom().voidItem() : awaitReachable());
    }
}
