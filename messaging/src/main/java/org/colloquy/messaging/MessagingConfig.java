package org.colloquy.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the messaging library, under {@code colloquy.messaging}. */
@ConfigMapping(prefix = "colloquy.messaging")
public interface MessagingConfig {

    /**
     * The service's name: the CloudEvents source ({@code urn:colloquy:<service>}), the consumer name in the inbox
     * tables and the dead-letter topic {@code <service>.dlq}. Defaults to {@code quarkus.application.name}.
     */
    String service();

    Outbox outbox();

    Inbox inbox();

    CatchUp catchUp();

    Metrics metrics();

    interface Outbox {
        /**
         * How long a write request waits for Kafka to acknowledge its events before it answers anyway; rows not
         * acknowledged by then are published by the sweep.
         */
        @WithDefault("2s")
        Duration publishWait();

        /** Rows one relay pass claims at most. */
        @WithDefault("200")
        int batchSize();

        /**
         * How long a relay's claim on rows lasts; after a crash, its rows are published again once it expired. Must
         * exceed the producer's {@code delivery.timeout.ms} (10s), so that a claim never expires during a send.
         */
        @WithDefault("30s")
        Duration claimLease();

        /**
         * How often the sweep looks for rows left behind. Read by {@code OutboxSweep}'s schedule; declared here so that
         * setting it is not refused as an unknown key of this mapping. Quarkus' scheduler runs nothing more often than
         * once a second.
         */
        @WithDefault("1s")
        Duration sweepInterval();
    }

    interface Inbox {
        /** Attempts of a failing handler before its record goes to the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        /** First back-off between attempts; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("2s")
        Duration maxBackoff();

        /**
         * How long a processed-event row is kept: {@code P30D} (the library's default); empty, for good. A record
         * delivered again after its row went would be applied again: safe while nobody republishes older records and
         * no database is restored to an older state (messaging README, "Retention").
         */
        Optional<Duration> processedRetention();

        /** How often rows older than {@link #processedRetention()} are purged, if it is set. */
        @WithDefault("1h")
        Duration purgeInterval();

        /** Rows one purge statement deletes at most: short statements, no long lock on the table. */
        @WithDefault("1000")
        int purgeBatch();
    }

    interface CatchUp {
        /** How long a read waits at most for this service's consumers to reach the end of a topic. */
        @WithDefault("2s")
        Duration timeout();

        /** How often the shared position table is read for partitions another replica consumes. */
        @WithDefault("25ms")
        Duration pollInterval();

        /** How long the partitions of the topics waited on are remembered before they are described again. */
        @WithDefault("30s")
        Duration partitionsRefresh();
    }

    interface Metrics {
        /** How often the gauges that need a query (outbox backlog, consumer lag) are refreshed. */
        @WithDefault("5s")
        Duration refreshInterval();
    }
}
