package org.colloquy.testing;

/**
 * The Kafka broker a test runs against, injected into fields annotated {@link InjectKafkaBroker}. Tests of behaviour
 * under a broker outage stop and restart it; that is only possible for the in-JVM broker.
 */
public interface KafkaBroker {

    String bootstrapServers();

    /** Whether this test run owns the broker and can stop and restart it (false for an external broker). */
    boolean canRestart();

    void stop();

    /** Starts the stopped broker again on the same address, with its data. */
    void start();
}
