package org.colloquy.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformConfig;
import org.colloquy.platform.PlatformService;

/**
 * The platform under test: started through the same launcher as {@code ./run-local.sh}, but on free ports, with its
 * own databases (a unique prefix) and data directory, so that a run never touches a local platform. It also holds
 * what the scenarios read about it (its processes, the backlog of its outboxes and consumers) and undoes everything
 * it made when the run ends.
 */
final class BenchmarkPlatform {

    private final LocalPlatform launcher;
    private final Databases databases;

    /** Nothing starts yet: {@link #cleanUp()} must find what {@link #start} leaves if it fails half-way. */
    BenchmarkPlatform(Path root, Path workDir) {
        Map<PlatformService, Integer> ports = new HashMap<>();
        PlatformService.ALL.forEach(service -> ports.put(service, Ports.free()));
        PlatformConfig local = PlatformConfig.local(root);
        String prefix = "colloquy_bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        PlatformConfig config = new PlatformConfig(root, workDir.resolve("platform"), local.postgresUrl(),
                local.postgresUser(), local.postgresPassword(), prefix, Ports.free(), Ports.free(), Map.copyOf(ports),
                // the closed model registers a writer per connection, more than one address may in an hour
                Map.of("colloquy.users.registration.unthrottled-addresses", "127.0.0.1"));
        this.databases = new Databases(config);
        this.launcher = new LocalPlatform(config);
    }

    void start(Results results) {
        long start = System.nanoTime();
        launcher.start(line -> System.out.println("[platform] " + line));
        results.note(String.format(Locale.ROOT, "platform started in %.1f s (all services side by side)",
                (System.nanoTime() - start) / 1e9));
    }

    LocalPlatform launcher() {
        return launcher;
    }

    PlatformConfig config() {
        return launcher.config();
    }

    Databases databases() {
        return databases;
    }

    String gateway() {
        return config().baseUrl(PlatformService.GATEWAY);
    }

    /** The server's version and the setting that decides whether its statistics keep up with the data. */
    String postgres() {
        try (Connection connection = databases.connect(config().database(PlatformService.ARTICLE));
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select current_setting('server_version'), "
                        + "current_setting('autovacuum')")) {
            rows.next();
            return rows.getString(1) + ", autovacuum " + rows.getString(2)
                    + " (the benchmark runs ANALYZE itself after seeding)";
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** The platform's processes by name, and this load generator's own JVM. */
    Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        PlatformService.ALL.forEach(service -> launcher.process(service).ifPresent(p -> processes.put(service.name(),
                p)));
        launcher.processes().stream().filter(p -> !processes.containsValue(p)).findFirst()
                .ifPresent(kafka -> processes.put("Kafka", kafka));
        processes.put("load generator", ProcessHandle.current());
        return processes;
    }

    Backlog backlog() {
        try {
            return new Backlog(config().bootstrapServers(), databases, PlatformService.BACKENDS.stream()
                    .map(service -> config().database(service)).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot watch the outboxes: " + e.getMessage(), e);
        }
    }

    /** Waits until the consumer group has committed every record of the topic; fails after the deadline. */
    void awaitNoLag(String group, String topic, Duration deadline) throws Exception {
        try (Backlog backlog = backlog()) {
            backlog.awaitNoLag(group, topic, deadline);
        }
    }

    /** Stops the platform and drops its databases and the scratch databases of the baselines. */
    void cleanUp() {
        launcher.close();
        try {
            launcher.dropDatabases();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
        databases.dropScratch();
    }
}
