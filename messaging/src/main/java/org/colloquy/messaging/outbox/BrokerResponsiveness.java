package org.colloquy.messaging.outbox;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether requests should wait for Kafka at all. A producer facing a broker outage does not fail fast: it waits for
 * metadata and retries until its timeouts. So after a request waited in vain or a send failed, requests leave their
 * events to the sweep for a while, until the next acknowledgement, instead of each waiting for a broker that is not
 * answering.
 */
final class BrokerResponsiveness {

    /** How long requests stop waiting for Kafka after one waited in vain (unless an acknowledgement comes first). */
    static final Duration PAUSE = Duration.ofSeconds(10);
    private static final long PAUSE_NANOS = PAUSE.toNanos();

    private final LongSupplier nanoTime;
    private volatile long lastMissNanos;
    private volatile boolean missedSinceAck;

    BrokerResponsiveness() {
        this(System::nanoTime);
    }

    BrokerResponsiveness(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    boolean unresponsive() {
        return missedSinceAck && nanoTime.getAsLong() - lastMissNanos < PAUSE_NANOS;
    }

    /** A request's wait for Kafka ran out, or Kafka did not acknowledge a send. */
    void missed() {
        lastMissNanos = nanoTime.getAsLong();
        missedSinceAck = true;
    }

    void acknowledged() {
        missedSinceAck = false;
    }
}
