package org.colloquy.benchmarks;

import java.time.Duration;
import java.util.Arrays;

/**
 * The fixed durations and sizes of one run; every one can be overridden by an environment variable (the defaults
 * keep the whole command near 26 minutes on a 2-core machine).
 */
record Settings(Duration jitWarmup, Duration warmup, Duration measure, Duration step, int startRate, int maxSteps,
        int readStartRate, int readMaxSteps, int pgbenchClients, double eventRate, int drainEvents,
        Duration drainTimeout, int articles, int comments, int connections, int closedConnections, int closedThreads,
        Duration closedWarmup, Duration closedWriteWarmup, Duration closedDuration, String scenarios) {

    static Settings fromEnvironment() {
        return new Settings(
                Duration.ofSeconds(integer("BENCH_JIT_WARMUP_SECONDS", 40)),
                Duration.ofSeconds(integer("BENCH_WARMUP_SECONDS", 10)),
                Duration.ofSeconds(integer("BENCH_MEASURE_SECONDS", 15)),
                Duration.ofSeconds(integer("BENCH_STEP_SECONDS", 6)),
                integer("BENCH_START_RATE", 10),
                integer("BENCH_MAX_STEPS", 7),
                integer("BENCH_READ_START_RATE", 100),
                integer("BENCH_READ_MAX_STEPS", 10),
                integer("BENCH_PGBENCH_CLIENTS", 4),
                integer("BENCH_EVENT_RATE", 20),
                integer("BENCH_DRAIN_EVENTS", 100_000),
                Duration.ofSeconds(integer("BENCH_DRAIN_TIMEOUT_SECONDS", 150)),
                integer("BENCH_ARTICLES", 100_000),
                integer("BENCH_COMMENTS", 1_000_000),
                integer("BENCH_CONNECTIONS", 64),
                integer("BENCH_CLOSED_CONNECTIONS", 32),
                integer("BENCH_CLOSED_THREADS", 2),
                Duration.ofSeconds(integer("BENCH_CLOSED_WARMUP_SECONDS", 30)),
                Duration.ofSeconds(integer("BENCH_CLOSED_WRITE_WARMUP_SECONDS", 60)),
                Duration.ofSeconds(integer("BENCH_CLOSED_SECONDS", 20)),
                System.getenv().getOrDefault("BENCH_SCENARIOS", "all"));
    }

    /** Whether the scenario is selected: BENCH_SCENARIOS is "all" or a comma-separated list of scenario names. */
    boolean runs(String scenario) {
        return selects(scenarios, scenario);
    }

    /** {@code scenarios}: a value of BENCH_SCENARIOS; blank or "all" selects every scenario. */
    static boolean selects(String scenarios, String scenario) {
        return scenarios.isBlank() || scenarios.trim().equals("all")
                || Arrays.stream(scenarios.split(",")).map(String::trim).anyMatch(scenario::equals);
    }

    private static int integer(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
