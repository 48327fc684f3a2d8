package org.colloquy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The benchmark: starts the packaged platform through the same launcher as {@code ./run-local.sh} (free ports, its
 * own databases and data directory), runs every scenario and its baseline in the same run on the same machine, and
 * writes the report. Everything it started is stopped, and every database it made dropped, also on failure. Each
 * scenario is a class of its own ({@link WritePath}, {@link EventLatency}, {@link ConsumerDrain}, {@link ReadPath},
 * {@link ClosedModel}, {@link Footprint}); this class runs them in order, those {@code BENCH_SCENARIOS} selects.
 */
public final class Benchmark {

    private final Path root;
    private final Settings settings;
    private final Results results = new Results();
    private final Path workDir;
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private BenchmarkPlatform platform;
    private Http http;

    private Benchmark(Path root, Settings settings) throws IOException {
        this.root = root;
        this.settings = settings;
        this.workDir = Files.createTempDirectory("colloquy-bench-");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("colloquy.root", ".")).toAbsolutePath().normalize();
        Benchmark benchmark = new Benchmark(root, Settings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::cleanUp, "colloquy-bench-cleanup"));
        Path report;
        try {
            report = benchmark.run();
        } finally {
            benchmark.cleanUp();
        }
        System.out.println("\nReport: " + report);
        System.exit(0); // Kafka's and Vert.x's non-daemon threads must not keep the JVM up
    }

    private Path run() throws Exception {
        Instant started = Instant.now();
        results.environment.put("started", started.toString());
        results.environment.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version"));
        results.environment.put("settings", settings.toString());
        results.environment.put("load average at the start (1, 5, 15 min)", loadAverage());
        platform = new BenchmarkPlatform(root, workDir);
        platform.start(results);
        results.environment.put("PostgreSQL", platform.postgres());
        http = new Http(settings.connections());
        UsersAndArticles users = UsersAndArticles.create(http, platform);
        ScenarioContext context = new ScenarioContext(root, workDir, settings, results, platform, http, users,
                new ReadDataSet(settings, results, platform, http, users));
        scenario("write path", new WritePath(context)::run);
        scenario("event latency", new EventLatency(context)::run);
        scenario("consumer drain", new ConsumerDrain(context)::run);
        scenario("read path", new ReadPath(context)::run);
        scenario("closed model", () -> ClosedModel.run(context));
        scenario("footprint", new Footprint(context)::run);
        results.environment.put("duration", Duration.between(started, Instant.now()).toSeconds() + " s");
        return new Report(results).write(root.resolve("benchmarks/results"), started);
    }

    /** What a scenario does when it runs: a {@link Scenario}'s run, or the closed model's. */
    private interface Step {
        void run() throws Exception;
    }

    /** A failing scenario is reported as such; the others still run. */
    private void scenario(String name, Step scenario) {
        if (!settings.runs(name)) {
            results.note(name + " skipped (BENCH_SCENARIOS)");
            return;
        }
        System.out.println("\n[bench] === " + name + " ===");
        long start = System.nanoTime();
        try {
            scenario.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            results.failures.add(name + ": " + e);
        }
        results.note(String.format(Locale.ROOT, "%s took %d s; load average afterwards: %s", name,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), loadAverage()));
    }

    /** Other work on the machine shows in every figure; the report says how busy the machine was. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Stops what this run started and drops what it created; safe to call twice (finally and shutdown hook). */
    private void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        if (http != null) {
            try {
                http.close();
            } catch (RuntimeException e) {
                System.err.println("Closing the HTTP client: " + e);
            }
        }
        BareApp.stopAll();
        if (platform != null) {
            platform.cleanUp();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + workDir + ": " + e.getMessage());
        }
    }
}
