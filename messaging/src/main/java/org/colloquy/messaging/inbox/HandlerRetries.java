package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.colloquy.messaging.MessagingConfig;

/**
 * How a record whose handler fails is tried again: {@code max-attempts} attempts in all, with a back-off that starts
 * at {@code initial-backoff} and doubles up to {@code max-backoff} (Mutiny's, with its jitter). When they are spent
 * and the database answers, the failure is the record's and it is given up (dead-lettered); when the database does
 * not answer, the record waits for it and gets all its attempts again, since an outage is not the record's fault.
 */
record HandlerRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff, DatabaseProbe database) {

    static HandlerRetries of(MessagingConfig.Inbox config, DatabaseProbe database) {
        return new HandlerRetries(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), database);
    }

    /** Attempts after the first; none for a {@code max-attempts} below two. */
    int retries() {
        return Math.max(0, maxAttempts - 1);
    }

    /**
     * Runs the attempt, and again on failure, as described above; {@code giveUp} gets the failure once the record is
     * given up. Completes when an attempt succeeded or {@code giveUp} completed.
     */
    Uni<Void> apply(EventMetadata event, Supplier<Uni<Void>> attempt, Function<Throwable, Uni<Void>> giveUp) {
        return Uni.createFrom().deferred(attempt::get)
                .onFailure().invoke(e -> Log.warnf(e, "Handling event %s (%s) failed", event.id(), event.type()))
                .onFailure().retry().withBackOff(initialBackoff, maxBackoff).atMost(retries())
                .onFailure().recoverWithUni(failure -> database.reachable().chain(reachable -> reachable
                        ? giveUp.apply(failure)
                        : database.awaitReachable().chain(() -> apply(event, attempt, giveUp))));
    }
}
