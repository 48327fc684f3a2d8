package org.colloquy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * PostgreSQL's own load tool as the baseline of the write path and the drain: the same inserts in one transaction,
 * against a scratch database with the services' own schema.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final Path workDir;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    Pgbench(Path workDir, String jdbcUrl, String user, String password) {
        this.workDir = workDir;
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.user = user;
        this.password = password;
    }

    /** Throughput in transactions per second with {@code clients} connections, as fast as they go. */
    double saturation(String database, String script, int clients, Duration duration) {
        String output = run(database, script, List.of("-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(clients, 2)), "-T", Long.toString(duration.toSeconds())), duration);
        return tps(output);
    }

    /**
     * Latencies at a fixed rate (pgbench's own open model, {@code -R}): each from the transaction's scheduled start,
     * i.e. its run time plus its schedule lag, in microseconds; the warm-up's transactions are left out.
     */
    Histogram atRate(String database, String script, int clients, double rate, Duration warmup, Duration measure) {
        Path logs = workDir.resolve("pgbench-log-" + System.nanoTime());
        try {
            Files.createDirectories(logs);
            long startEpochMicros = System.currentTimeMillis() * 1000;
            run(database, script, List.of("-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients,
                    2)), "-R", String.format(java.util.Locale.ROOT, "%.1f", rate), "-T",
                    Long.toString(warmup.plus(measure).toSeconds()), "-l", "--log-prefix",
                    logs.resolve("tx").toString()), warmup.plus(measure));
            long measureFrom = startEpochMicros + warmup.toNanos() / 1000;
            Histogram histogram = new Histogram(120_000_000L, 3);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        // client_id transaction_no time script_no time_epoch time_us [schedule_lag]
                        String[] f = line.trim().split("\\s+");
                        if (f.length < 7 || f[2].equals("skipped")) {
                            continue;
                        }
                        long end = Long.parseLong(f[4]) * 1_000_000 + Long.parseLong(f[5]);
                        if (end < measureFrom) {
                            continue;
                        }
                        histogram.recordValue(Math.min(120_000_000L, Long.parseLong(f[2]) + Long.parseLong(f[6])));
                    }
                }
            }
            return histogram;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(logs);
        }
    }

    Path script(String name, String text) {
        try {
            Files.createDirectories(workDir);
            return Files.writeString(workDir.resolve(name + ".sql"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String run(String database, String script, List<String> options, Duration expected) {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-h", host, "-p",
                Integer.toString(port), "-U", user, "-f", script));
        command.addAll(options);
        command.add(database);
        for (int attempt = 1;; attempt++) {
            try {
                return Processes.run(withPassword(command), workDir, expected.plus(Duration.ofMinutes(2)));
            } catch (IllegalStateException e) {
                // the server had no connection slot free (the platform's pools and anything else on the server)
                if (attempt == 40 || e.getMessage() == null || !e.getMessage().contains("too many clients")) {
                    throw e;
                }
                System.out.println("[bench] pgbench found no free connection slot; trying again in 3 s");
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private List<String> withPassword(List<String> command) {
        if (password == null || password.isEmpty()) {
            return command;
        }
        List<String> withEnv = new ArrayList<>(List.of("env", "PGPASSWORD=" + password));
        withEnv.addAll(command);
        return withEnv;
    }

    private static double tps(String output) {
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("No tps in pgbench's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
