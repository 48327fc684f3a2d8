package org.colloquy.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How often a failing handler is tried, how long between tries, and when its record is given up. */
class HandlerRetriesTest {

    private static final Duration TINY = Duration.ofMillis(1);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final EventMetadata EVENT = new EventMetadata("event-1", "org.colloquy.test.Happened.v1", null,
            null, null, "test.events", 0, 42);

    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Long> attemptedAt = new ArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicReference<Throwable> givenUp = new AtomicReference<>();

    @Test
    void aHandlerThatKeepsFailingIsTriedMaxAttemptsTimesThenGivenUp() {
        IllegalStateException broken = new IllegalStateException("handler cannot cope");

        run(retries(3, TINY, TINY, databaseUp()), failingFirst(Integer.MAX_VALUE, broken));

        assertThat(attempts).hasValue(3);
        assertThat(pings).as("the database was asked whether the failure is the record's").hasValue(1);
        assertThat(givenUp.get()).as("the handler's own failure, which the dead letter names").isSameAs(broken);
    }

    @Test
    void aHandlerThatSucceedsOnARetryIsNotGivenUp() {
        run(retries(3, TINY, TINY, databaseUp()), failingFirst(1, new IllegalStateException("once")));

        assertThat(attempts).hasValue(2);
        assertThat(givenUp.get()).isNull();
    }

    @Test
    void oneAttemptOrFewerMeansNoRetry() {
        for (int maxAttempts : new int[] {1, 0, -1}) {
            attempts.set(0);
            HandlerRetries retries = retries(maxAttempts, TINY, TINY, databaseUp());

            run(retries, failingFirst(Integer.MAX_VALUE, new IllegalStateException("always")));

            assertThat(retries.retries()).isZero();
            assertThat(attempts).as("attempts with max-attempts %d", maxAttempts).hasValue(1);
        }
        assertThat(givenUp.get()).isNotNull();
    }

    @Test
    void triesAreSpacedByAtLeastTheInitialBackoff() {
        Duration initial = Duration.ofMillis(30);

        run(retries(3, initial, Duration.ofMillis(60), databaseUp()), failingFirst(Integer.MAX_VALUE,
                new IllegalStateException("always")));

        assertThat(attemptedAt).hasSize(3);
        for (int i = 1; i < attemptedAt.size(); i++) {
            assertThat(Duration.ofNanos(attemptedAt.get(i) - attemptedAt.get(i - 1))).isGreaterThanOrEqualTo(initial);
        }
    }

    @Test
    void theBackoffStopsGrowingAtMaxBackoff() {
        // doubling from 10 ms, the seven waits of eight attempts would take 1.27 s; at most 10 ms each, 70 ms
        long started = System.nanoTime();

        run(retries(8, Duration.ofMillis(10), Duration.ofMillis(10), databaseUp()), failingFirst(Integer.MAX_VALUE,
                new IllegalStateException("always")));

        assertThat(attempts).hasValue(8);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void whileTheDatabaseIsDownTheRecordWaitsForItAndGetsAllItsAttemptsAgain() {
        // the handler fails while the database is down: its three attempts, then two pings in vain, a third answered
        run(retries(3, TINY, TINY, databaseUpFromPing(3)), failingFirst(3, new IllegalStateException("no connection")));

        assertThat(pings).hasValue(3);
        assertThat(attempts).hasValue(4);
        assertThat(givenUp.get()).isNull();
    }

    @Test
    void aHandlerStillFailingOnceTheDatabaseIsBackIsGivenUpAfterAFullRoundOfAttempts() {
        run(retries(3, TINY, TINY, databaseUpFromPing(2)), failingFirst(Integer.MAX_VALUE,
                new IllegalStateException("always")));

        assertThat(attempts).hasValue(6);
        assertThat(pings).hasValue(3); // down, up (waited for), up (the failure is the record's)
        assertThat(givenUp.get()).isNotNull();
    }

    private void run(HandlerRetries retries, Supplier<Uni<Void>> attempt) {
        retries.apply(EVENT, attempt, failure -> {
            givenUp.set(failure);
            return Uni.createFrom().voidItem();
        }).await().atMost(DEADLINE);
    }

    private HandlerRetries retries(int maxAttempts, Duration initial, Duration max, DatabaseProbe database) {
        return new HandlerRetries(maxAttempts, initial, max, database);
    }

    /** An attempt that fails the first {@code failures} times, then succeeds. */
    private Supplier<Uni<Void>> failingFirst(int failures, RuntimeException failure) {
        return () -> {
            attemptedAt.add(System.nanoTime());
            return attempts.incrementAndGet() <= failures ? Uni.createFrom().failure(failure)
                    : Uni.createFrom().voidItem();
        };
    }

    private DatabaseProbe databaseUp() {
        return databaseUpFromPing(1);
    }

    /** A database that answers from its {@code first}-th ping on. */
    private DatabaseProbe databaseUpFromPing(int first) {
        return new DatabaseProbe(() -> pings.incrementAndGet() >= first ? Uni.createFrom().item("1")
                : Uni.createFrom().failure(new IllegalStateException("connection refused")), TINY, "test-consumer");
    }
}
