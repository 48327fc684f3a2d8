package org.colloquy.benchmarks;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.colloquy.platform.ChildProcess;

/**
 * The footprint baseline: the bare Quarkus REST app of {@code benchmarks/bare-app}, built in the same run, started
 * on the services' JVM with the same heap options and judged ready the same way (its readiness check answers 200,
 * polled every 200 ms as the launcher does). The yardstick is the app as Quarkus builds it, without an
 * ahead-of-time cache; where the services have theirs, the bare app is also measured with its own
 * ({@code readyWithCacheSeconds}), so that the report can say how far the services are from a bare app treated alike.
 */
record BareApp(double readySeconds, String startedIn, long rssKb, Optional<JvmFacts> atReady,
        Optional<JvmFacts> warmedUp, Optional<Double> readyWithCacheSeconds) {

    private static final List<Process> RUNNING = new CopyOnWriteArrayList<>();

    static BareApp measure(Path root, Path workDir, Http http, Duration warmup, String java, boolean withCache)
            throws Exception {
        Path jar = root.resolve("benchmarks/bare-app/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Not built: " + jar + " (./benchmarks/run.sh builds it)");
        }
        Path log = workDir.resolve("bare-app.log");
        Started started = start(java, List.of(), jar, log);
        try {
            Optional<JvmFacts> atReady = JvmFacts.of(started.process().toHandle(), workDir);
            OpenLoad.Point load = OpenLoad.run("bare GET /hello", 200, Duration.ZERO, warmup, Duration.ofSeconds(10),
                    () -> http.expect(HttpMethod.GET, started.base() + "/hello", null, null, 200));
            System.out.println("[bench] " + load);
            long rss = Footprint.rssKb(started.process().toHandle());
            Optional<JvmFacts> warmedUp = JvmFacts.of(started.process().toHandle(), workDir);
            stop(started.process());
            return new BareApp(started.readySeconds(), Footprint.startedIn(log), rss, atReady, warmedUp,
                    withCache ? Optional.of(readyWithCache(java, jar, workDir)) : Optional.empty());
        } finally {
            stop(started.process());
        }
    }

    /**
     * A training start that writes the cache when it stops (JDK 25's one-step {@code -XX:AOTCacheOutput}, as the
     * launcher's record and create steps do for the services), then a start with it.
     */
    private static double readyWithCache(String java, Path jar, Path workDir) throws Exception {
        Path cache = workDir.resolve("bare-app.aot");
        Files.deleteIfExists(cache);
        Started training = start(java, List.of("-XX:AOTCacheOutput=" + cache), jar,
                workDir.resolve("bare-app-training.log"));
        stop(training.process(), Duration.ofSeconds(180));
        if (!Files.exists(cache)) {
            throw new IllegalStateException("The bare app's training start left no cache: see "
                    + workDir.resolve("bare-app-training.log"));
        }
        Started cached = start(java, List.of("-XX:AOTCache=" + cache), jar, workDir.resolve("bare-app-cached.log"));
        stop(cached.process());
        return cached.readySeconds();
    }

    private record Started(Process process, String base, double readySeconds) {
    }

    private static Started start(String java, List<String> options, Path jar, Path log) throws Exception {
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(options);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RUNNING.add(process);
        String base = "http://localhost:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ChildProcess.answers200(base + "/q/health/ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop(process);
                throw new IllegalStateException("The bare app did not become ready:\n" + Files.readString(log));
            }
            Thread.sleep(200); // the launcher's poll interval, so both are measured alike
        }
        return new Started(process, base, (System.nanoTime() - start) / 1e9);
    }

    static void stopAll() {
        RUNNING.forEach(BareApp::stop);
    }

    private static void stop(Process process) {
        stop(process, Duration.ofSeconds(20));
    }

    private static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }
}
