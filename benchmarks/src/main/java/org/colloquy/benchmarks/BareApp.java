package org.colloquy.benchmarks;

import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The footprint baseline: the bare Quarkus REST app of {@code benchmarks/bare-app}, built in the same run, started
 * with the same JVM options as the launcher gives the services and judged ready the same way (its readiness check
 * answers 200, polled every 200 ms as the launcher does).
 */
record BareApp(double readySeconds, String startedIn, long rssKb, Optional<JvmFacts> atReady,
        Optional<JvmFacts> warmedUp) {

    private static final List<Process> RUNNING = new CopyOnWriteArrayList<>();

    static BareApp measure(Path root, Path workDir, Http http, Duration warmup) throws Exception {
        Path jar = root.resolve("benchmarks/bare-app/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Not built: " + jar + " (./benchmarks/run.sh builds it)");
        }
        int port = freePort();
        Path log = workDir.resolve("bare-app.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.port=" + port,
                "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RUNNING.add(process);
        try {
            String base = "http://localhost:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!answers200(base + "/q/health/ready")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The bare app did not become ready:\n" + Files.readString(log));
                }
                Thread.sleep(200); // the launcher's poll interval, so both are measured alike
            }
            double ready = (System.nanoTime() - start) / 1e9;
            Optional<JvmFacts> atReady = JvmFacts.of(process.toHandle(), workDir);
            OpenLoad.Point load = OpenLoad.run("bare GET /hello", 200, Duration.ZERO, warmup, Duration.ofSeconds(10),
                    () -> http.expect(HttpMethod.GET, base + "/hello", null, null, 200));
            System.out.println("[bench] " + load);
            long rss = Benchmark.rssKb(process.toHandle());
            return new BareApp(ready, Benchmark.startedIn(log), rss, atReady, JvmFacts.of(process.toHandle(), workDir));
        } finally {
            stop(process);
        }
    }

    static void stopAll() {
        RUNNING.forEach(BareApp::stop);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    private static boolean answers200(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
