package org.colloquy.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformConfig;
import org.colloquy.platform.PlatformService;

/**
 * The benchmark: starts the packaged platform through the same launcher as {@code ./run-local.sh} (free ports, its
 * own databases and data directory), runs every scenario and its baseline in the same run on the same machine, and
 * writes the report. Everything it started is stopped, and every database it made dropped, also on failure.
 */
public final class Benchmark {

    /** Comment ids of the drain's synthetic events start here, far above what the scenarios before it create. */
    private static final long DRAIN_COMMENT_IDS = 1_000_000_000L;
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    private static final int JIT_WARMUP_RATE = 30;
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(8);

    private final Path root;
    private final Settings settings;
    private final Results results = new Results();
    private final Path workDir;
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private LocalPlatform platform;
    private Databases databases;
    private Http http;

    private String gateway;
    private String authorToken;
    private String readerToken;
    private String readerId;
    private String authorName;
    private boolean seeded;
    private final List<String> slugs = new ArrayList<>();

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
        startPlatform();
        results.environment.put("PostgreSQL", postgres());
        http = new Http(settings.connections());
        setUpUsersAndArticles();
        scenario("write path", this::writePath);
        scenario("event latency", this::eventLatency);
        scenario("consumer drain", this::consumerDrain);
        scenario("read path", this::readPath);
        scenario("closed model", this::closedModel);
        scenario("footprint", this::footprint);
        results.environment.put("duration", Duration.between(started, Instant.now()).toSeconds() + " s");
        return new Report(results).write(root.resolve("benchmarks/results"), started);
    }

    private interface Scenario {
        void run() throws Exception;
    }

    /** A failing scenario is reported as such; the others still run. */
    private void scenario(String name, Scenario scenario) {
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

    // ---------------------------------------------------------------------------------------------------- set-up

    private void startPlatform() {
        Map<PlatformService, Integer> ports = new HashMap<>();
        PlatformService.ALL.forEach(service -> ports.put(service, freePort()));
        PlatformConfig local = PlatformConfig.local(root);
        String prefix = "colloquy_bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        PlatformConfig config = new PlatformConfig(root, workDir.resolve("platform"), local.postgresUrl(),
                local.postgresUser(), local.postgresPassword(), prefix, freePort(), freePort(), Map.copyOf(ports),
                // the closed model registers a writer per connection, more than one address may in an hour
                Map.of("colloquy.users.registration.unthrottled-addresses", "127.0.0.1"));
        databases = new Databases(config);
        long start = System.nanoTime();
        platform = new LocalPlatform(config);
        platform.start(line -> System.out.println("[platform] " + line));
        results.note(String.format(Locale.ROOT, "platform started in %.1f s (all services side by side)",
                (System.nanoTime() - start) / 1e9));
        gateway = config.baseUrl(PlatformService.GATEWAY);
    }

    /** The server's version and the setting that decides whether its statistics keep up with the data. */
    private String postgres() {
        try (Connection connection = databases.connect(platform.config().database(PlatformService.ARTICLE));
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select current_setting('server_version'), "
                        + "current_setting('autovacuum')")) {
            rows.next();
            return rows.getString(1) + ", autovacuum " + rows.getString(2)
                    + " (the benchmark runs ANALYZE itself after seeding)";
        } catch (java.sql.SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private void setUpUsersAndArticles() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        authorToken = register("bench-author-" + run);
        readerToken = register("bench-reader-" + run);
        readerId = subject(readerToken);
        authorName = "bench-author-" + run;
        for (int i = 0; i < 10; i++) {
            slugs.add(createArticle(authorToken, "Benchmark discussion " + run + " " + i).get("article").get("slug")
                    .asText());
        }
        // Seeding, not the measured path: the per-user comment rate limit (5 a minute by default) would turn the
        // load into 429s; the moderation settings are the service's own table, read on every post.
        databases.execute(platform.config().database(PlatformService.COMMENT),
                "update moderation_settings set comments_per_minute = 1000000000");
    }

    private String register(String username) {
        return http.call("POST", gateway + "/api/users", null, Map.of("user", Map.of("username", username, "email",
                username + "@bench.example", "password", "benchmark-password"))).get("user").get("token").asText();
    }

    private JsonNode createArticle(String token, String title) {
        return http.call("POST", gateway + "/api/articles", token, articleBody(title));
    }

    /** The user id in a token's {@code sub} claim (the token is a JWT; its signature is the services' business). */
    private static String subject(String token) {
        try {
            byte[] payload = java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return Http.JSON.readTree(payload).get("sub").asText();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Not a JWT with a subject: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> articleBody(String title) {
        return Map.of("article", Map.of("title", title, "description", "Written by the benchmark",
                "body", "A benchmark article. ".repeat(20), "tagList", List.of("bench")));
    }

    // ------------------------------------------------------------------------------------------------ 1. writes

    private void writePath() throws Exception {
        AtomicLong counter = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 6);
        Supplier<Future<Boolean>> postArticle = () -> http.expect(HttpMethod.POST, gateway + "/api/articles",
                authorToken, json(articleBody("Load " + run + " " + counter.incrementAndGet())), 201);
        Supplier<Future<Boolean>> postComment = () -> http.expect(HttpMethod.POST, gateway + "/api/articles/"
                + slugs.get((int) (counter.incrementAndGet() % slugs.size())) + "/comments", readerToken,
                json(Map.of("comment", Map.of("body", "A benchmark comment, number " + counter.get() + "."))), 201);

        Path migrations = root.resolve("messaging/src/main/resources/db/migration/R__colloquy_messaging.sql");
        Pgbench pgbench = new Pgbench(workDir, platform.config().postgresUrl(), platform.config().postgresUser(),
                platform.config().postgresPassword());
        String articleDb = databases.createScratch("pgbench_article", List.of(migrations,
                root.resolve("article-service/src/main/resources/db/migration/V1__articles.sql")));
        String commentDb = databases.createScratch("pgbench_comment", List.of(migrations,
                root.resolve("comment-service/src/main/resources/db/migration/V1__comments.sql")));
        String articleScript = pgbench.script("article", """
                BEGIN;
                INSERT INTO article (id, slug, title, description, body, tag_list, author_id, status, published_at,
                    created_at, updated_at)
                  VALUES (gen_random_uuid(), 'pgbench-' || gen_random_uuid(), 'Load article', 'Written by pgbench',
                    '%s', '["bench"]', '00000000-0000-0000-0000-000000000001', 'published', now(), now(), now());
                INSERT INTO outbox_event (id, topic, msg_key, type, subject, occurred_at, payload)
                  VALUES (gen_random_uuid(), 'article.events', '00000000-0000-0000-0000-000000000001',
                    'org.colloquy.article.ArticlePublished', 'load', now(), '%s');
                END;
                """.formatted("A benchmark article. ".repeat(20), "{\"payload\":\"" + "x".repeat(400) + "\"}")
                .replace("\n    ", " ")).toString();
        String commentScript = pgbench.script("comment", """
                BEGIN;
                INSERT INTO comment (article_id, author_id, body, status, posted_at, created_at, updated_at)
                  VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001',
                    'A benchmark comment.', 'visible', now(), now(), now());
                INSERT INTO outbox_event (id, topic, msg_key, type, subject, occurred_at, payload)
                  VALUES (gen_random_uuid(), 'comment.events', '00000000-0000-0000-0000-000000000002',
                    'org.colloquy.comment.CommentPosted', '1', now(), '%s');
                END;
                """.formatted("{\"payload\":\"" + "x".repeat(400) + "\"}").replace("\n    ", " ")).toString();

        warmUpJit(postArticle, postComment);
        writeScenario("POST /api/articles", postArticle, pgbench, articleDb, articleScript);
        writeScenario("POST /api/articles/{slug}/comments", postComment, pgbench, commentDb, commentScript);
    }

    private void writeScenario(String name, Supplier<Future<Boolean>> request, Pgbench pgbench, String database,
            String script) throws InterruptedException {
        Saturation saturated = saturate(name, request, settings.startRate(), settings.maxSteps());
        double saturation = saturated.rate();
        // what the idle platform burns per second, taken off the CPU time of the measured runs below
        Map<String, ProcessHandle> processes = platformProcesses();
        Thread.sleep(IDLE_SAMPLE.toMillis()); // consumers and JIT compilers finish what the last step left them
        CpuTime.Reading idleStart = CpuTime.Reading.take(processes);
        Thread.sleep(IDLE_SAMPLE.toMillis());
        CpuTime.Reading idleEnd = CpuTime.Reading.take(processes);
        CpuTime.Reading start = CpuTime.Reading.take(processes);
        OpenLoad.Point half = OpenLoad.run(name + " @50%", saturation / 2, settings.warmup(), settings.measure(),
                Duration.ofSeconds(15), request);
        CpuTime.Reading end = CpuTime.Reading.take(processes);
        System.out.println("[bench] " + half);
        // at half load every offered request completes (warm-up included): the CPU time is per offered request
        Map<String, Double> perRequest = CpuTime.perUnit(idleStart, idleEnd, start, end,
                saturation / 2 * settings.warmup().plus(settings.measure()).toSeconds());
        CpuTime.Reading pgStart = CpuTime.Reading.take(processes);
        double pgSaturation = pgbench.saturation(database, script, settings.pgbenchClients(), settings.step()
                .multipliedBy(2));
        CpuTime.Reading pgEnd = CpuTime.Reading.take(processes);
        Map<String, Double> perTransaction = CpuTime.perUnit(idleStart, idleEnd, pgStart, pgEnd,
                pgSaturation * pgStart.seconds(pgEnd));
        results.note(String.format(Locale.ROOT, "idle platform before %s: %.0f ms CPU per second on the whole "
                + "machine", name, CpuTime.machinePerSecond(idleStart, idleEnd)));
        results.note(name + " at half load, CPU per request above idle: " + CpuTime.describe(perRequest));
        results.note(String.format(Locale.ROOT, "pgbench %s saturated, CPU per transaction above idle: %.3f ms on "
                + "the whole machine", shortName(name), perTransaction.get(CpuTime.MACHINE)));
        double cpuRatio = perRequest.get(CpuTime.MACHINE) / perTransaction.get(CpuTime.MACHINE);
        results.row("1. Write path", name + ": CPU per request above idle (whole machine)",
                millis(perRequest.get(CpuTime.MACHINE)), millis(perTransaction.get(CpuTime.MACHINE))
                        + " (pgbench transaction)", times(cpuRatio), "–", null);
        Histogram pgHalf = pgbench.atRate(database, script, settings.pgbenchClients(), pgSaturation / 2,
                settings.warmup(), settings.measure());
        results.note(String.format(Locale.ROOT, "pgbench %s: %.0f tps saturated (%d clients), p50 %.2f ms, p99 "
                + "%.2f ms at %.0f tps", name, pgSaturation, settings.pgbenchClients(), ms(pgHalf, 50),
                ms(pgHalf, 99), pgSaturation / 2));
        double ratio = saturation / pgSaturation;
        results.row("1. Write path", name + ": throughput at saturation", saturated.label(),
                perSecond(pgSaturation) + " (pgbench, entity + outbox row)", pct(ratio), "≥ 40%", ratio >= 0.40);
        double p99Ratio = half.p(99) / ms(pgHalf, 99);
        results.row("1. Write path", name + ": p99 at 50% load", millis(half.p(99)) + " (p50 " + millis(half.p(50))
                + ", " + half.failed() + " failed)", millis(ms(pgHalf, 99)) + " (p50 " + millis(ms(pgHalf, 50)) + ")",
                times(p99Ratio), "≤ 10×", p99Ratio <= 10);
        latencyPoint(name + " @50%", half);
        latencyPoint("pgbench " + shortName(name) + " @50%", pgHalf, pgSaturation / 2);
        results.throughputs.put(shortName(name), new double[] {saturation, pgSaturation});
    }

    /** The platform's processes by name, and this load generator's own JVM. */
    private Map<String, ProcessHandle> platformProcesses() {
        Map<String, ProcessHandle> processes = new java.util.LinkedHashMap<>();
        PlatformService.ALL.forEach(service -> platform.process(service).ifPresent(p -> processes.put(service.name(),
                p)));
        platform.processes().stream().filter(p -> !processes.containsValue(p)).findFirst()
                .ifPresent(kafka -> processes.put("Kafka", kafka));
        processes.put("load generator", ProcessHandle.current());
        return processes;
    }

    /**
     * Five JVMs share two cores: until their JIT compilers have compiled the request paths, a write costs several
     * times what it costs later, and a saturation search at that point measures the compilers. One mixed warm-up
     * of both writes, at a rate well below saturation, before any figure is taken.
     */
    private void warmUpJit(Supplier<Future<Boolean>> postArticle, Supplier<Future<Boolean>> postComment) {
        AtomicLong turn = new AtomicLong();
        Supplier<Future<Boolean>> mixed = () -> turn.incrementAndGet() % 2 == 0 ? postArticle.get() : postComment.get();
        OpenLoad.Point warmUp = OpenLoad.run("JIT warm-up (articles and comments)", JIT_WARMUP_RATE,
                settings.jitWarmup(), Duration.ZERO, Duration.ofSeconds(20), mixed);
        System.out.println("[bench] " + warmUp);
        results.note(String.format(Locale.ROOT, "JIT warm-up: %d s of mixed article and comment posts at %d/s, not "
                + "recorded", settings.jitWarmup().toSeconds(), JIT_WARMUP_RATE));
    }

    /** The best completion rate of a saturation search; a lower bound if the path kept up with every step. */
    private record Saturation(double rate, boolean reached) {

        /** "320/s", or "≥ 640/s (not saturated)" when the search ran out of steps before the path fell behind. */
        String label() {
            return reached ? perSecond(rate) : "≥ " + perSecond(rate) + " (not saturated)";
        }
    }

    /**
     * Doubles the arrival rate from {@code startRate} until the service falls behind, for at most {@code maxSteps}
     * steps; its best completion rate is its saturation.
     */
    private Saturation saturate(String name, Supplier<Future<Boolean>> request, int startRate, int maxSteps) {
        double rate = startRate;
        // the warm-up: JIT, connection pools, and consumers catching up with what the previous scenario wrote
        System.out.println("[bench] " + OpenLoad.run(name + " warm-up", rate, settings.warmup(), Duration.ZERO,
                Duration.ofSeconds(20), request));
        double best = 0;
        boolean fellBehind = false;
        for (int step = 0; step < maxSteps && !fellBehind; step++) {
            OpenLoad.Point point = OpenLoad.run(name + " @" + (int) rate + "/s", rate, Duration.ofSeconds(1),
                    settings.step(), Duration.ofSeconds(20), request);
            System.out.println("[bench] " + point);
            best = Math.max(best, point.throughput());
            fellBehind = point.throughput() < 0.9 * rate || point.errorRatio() > 0.01 || point.p(99) > 2000;
            rate *= 2;
        }
        results.note(String.format(Locale.ROOT, fellBehind ? "%s saturates at %.1f/s"
                : "%s kept up with every step up to %.1f/s (its last step): its capacity is higher", name, best));
        if (best <= 0) {
            throw new IllegalStateException(name + " completed no request at " + startRate + "/s");
        }
        return new Saturation(best, fellBehind);
    }

    // ----------------------------------------------------------------------------------------- 2. event latency

    private void eventLatency() throws Exception {
        // the write path left notification-service a backlog of CommentPosted events (every load comment notifies
        // the author); this scenario measures a steady rate, not that backlog
        long waited = System.nanoTime();
        awaitNoLag("notification-service", Topics.COMMENT_EVENTS, Duration.ofSeconds(240));
        results.note(String.format(Locale.ROOT, "event latency: waited %.0f s for notification-service to work off "
                + "the write path's comments first", (System.nanoTime() - waited) / 1e9));
        Map<Long, Long> posted = new ConcurrentHashMap<>();
        Map<Long, Long> pushed = new ConcurrentHashMap<>();
        StringBuilder stream = new StringBuilder();
        var sse = http.client().request(new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(gateway + "/api/notifications/stream")
                .putHeader("Authorization", "Token " + authorToken).putHeader("Accept", "text/event-stream"))
                .compose(request -> request.send()).toCompletionStage().toCompletableFuture().get(30,
                        TimeUnit.SECONDS);
        if (sse.statusCode() != 200) {
            throw new IllegalStateException("The notification stream answered " + sse.statusCode());
        }
        sse.handler(chunk -> {
            long now = System.nanoTime();
            synchronized (stream) {
                stream.append(chunk.toString(StandardCharsets.UTF_8));
                int end;
                while ((end = stream.indexOf("\n\n")) >= 0) {
                    String event = stream.substring(0, end);
                    stream.delete(0, end + 2);
                    event.lines().filter(line -> line.startsWith("data:")).forEach(line -> {
                        try {
                            JsonNode comment = Http.JSON.readTree(line.substring(5).trim()).get("comment");
                            if (comment != null && !comment.isNull()) {
                                pushed.putIfAbsent(comment.get("id").asLong(), now);
                            }
                        } catch (IOException e) {
                            System.err.println("Unreadable notification: " + line);
                        }
                    });
                }
            }
        });
        String slug = slugs.get(0);
        long windowStart = System.nanoTime() + settings.warmup().toNanos();
        OpenLoad.Point posting = OpenLoad.run("comments for notifications", settings.eventRate(), settings.warmup(),
                settings.measure(), Duration.ofSeconds(15), () -> http.send(HttpMethod.POST, gateway
                        + "/api/articles/" + slug + "/comments", readerToken, json(Map.of("comment",
                                Map.of("body", "Notify the author, please."))))
                        .map(response -> {
                            long now = System.nanoTime();
                            if (response.status() != 201) {
                                return false;
                            }
                            if (now >= windowStart) {
                                posted.put(response.json().get("comment").get("id").asLong(), now);
                            }
                            return true;
                        }));
        System.out.println("[bench] " + posting);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pushed.keySet().containsAll(posted.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling the stream's progress, with a deadline
        }
        sse.request().connection().close();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        long missing = 0;
        for (Map.Entry<Long, Long> entry : posted.entrySet()) {
            Long at = pushed.get(entry.getKey());
            if (at == null) {
                missing++;
            } else {
                // the comment is published to Kafka before the 201 is sent, so the push can even come first
                latency.recordValue(Math.max(0, (at - entry.getValue()) / 1000));
            }
        }
        KafkaTools kafka = new KafkaTools(platform.config().bootstrapServers(), workDir);
        KafkaTools.EndToEnd e2e = kafka.endToEndLatency("bench.end-to-end", 2000, 600);
        results.note(String.format(Locale.ROOT, "EndToEndLatency: p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, avg %.2f"
                + " ms (2000 records of 600 bytes, acks=all)", e2e.p50(), e2e.p99(), e2e.p999(), e2e.average()));
        results.note(String.format(Locale.ROOT, "event latency: %d comments measured at %.0f/s, %d notifications not "
                + "pushed within 30 s", latency.getTotalCount(), settings.eventRate(), missing));
        double p50 = ms(latency, 50);
        double p99 = ms(latency, 99);
        double p50Target = 3 * e2e.p50() + 5;
        double p99Target = 5 * e2e.p99() + 20;
        results.row("2. Event latency", "comment 201 → notification pushed over SSE: p50", millis(p50),
                millis(e2e.p50()) + " (EndToEndLatency p50)", times(p50 / e2e.p50()),
                "≤ 3× + 5 ms = " + millis(p50Target), missing == 0 && p50 <= p50Target);
        results.row("2. Event latency", "comment 201 → notification pushed over SSE: p99", millis(p99)
                + (missing > 0 ? " (" + missing + " never pushed)" : ""), millis(e2e.p99())
                + " (EndToEndLatency p99)", times(p99 / e2e.p99()),
                "≤ 5× + 20 ms = " + millis(p99Target), missing == 0 && p99 <= p99Target);
        latencyPoint("event latency", latency, settings.eventRate());
        results.latencyPoints.add(new Results.Point("EndToEndLatency", e2e.p50(), Double.NaN, e2e.p99(), e2e.p999(),
                Double.NaN));
    }

    /** Waits until the consumer group has committed every record of the topic; fails after the deadline. */
    private void awaitNoLag(String group, String topic, Duration deadline) throws Exception {
        try (Backlog backlog = backlog()) {
            backlog.awaitNoLag(group, topic, deadline);
        }
    }

    private Backlog backlog() {
        try {
            return new Backlog(platform.config().bootstrapServers(), databases, PlatformService.BACKENDS.stream()
                    .map(service -> platform.config().database(service)).toList());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot watch the outboxes: " + e.getMessage(), e);
        }
    }

    // ----------------------------------------------------------------------------------------- 3. consumer drain

    private void consumerDrain() throws Exception {
        int events = settings.drainEvents();
        String notificationDb = platform.config().database(PlatformService.NOTIFICATION);
        try (Connection poll = databases.connect(notificationDb)) {
            drain(events, poll);
        }
    }

    private void drain(int events, Connection poll) throws Exception {
        List<UUID> recipients = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            recipients.add(UUID.randomUUID());
        }
        // In a real backlog every comment's author registered and its article was published before it: announced
        // first (and consumed while the service runs), so that the drain measures the handler's usual path and not
        // the one for parties a replica does not know yet.
        List<UUID> commenters = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            commenters.add(UUID.randomUUID());
        }
        List<UUID> articles = new ArrayList<>();
        for (int i = 0; i < (events + 99) / 100; i++) {
            articles.add(UUID.randomUUID());
        }
        long partiesStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = drainProducer()) {
            Instant now = Instant.now();
            for (int i = 0; i < commenters.size(); i++) {
                send(producer, Topics.USER_EVENTS, new UserRegistered(commenters.get(i).toString(),
                        drainCommenter(i), null, null, now));
            }
            for (int i = 0; i < articles.size(); i++) {
                send(producer, Topics.ARTICLE_EVENTS, new ArticlePublished(articles.get(i).toString(),
                        "drain-" + i, "Drain " + i, "An article of the drain backlog",
                        recipients.get(i % recipients.size()).toString(), "drain-author", List.of(), "en", now));
            }
            producer.flush();
        }
        awaitNoLag("notification-service", Topics.USER_EVENTS, Duration.ofSeconds(120));
        awaitNoLag("notification-service", Topics.ARTICLE_EVENTS, Duration.ofSeconds(120));
        results.note(String.format(Locale.ROOT, "drain: %d commenters registered and %d articles published first, "
                + "consumed by notification-service in %.1f s", commenters.size(), articles.size(),
                (System.nanoTime() - partiesStart) / 1e9));

        platform.stop(PlatformService.NOTIFICATION);
        long publishStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = drainProducer()) {
            for (int i = 0; i < events; i++) {
                int article = i / 100;
                int commenter = i % commenters.size();
                send(producer, Topics.COMMENT_EVENTS, new CommentPosted(DRAIN_COMMENT_IDS + i,
                        articles.get(article).toString(), "drain-" + article,
                        recipients.get(article % recipients.size()).toString(), null, null,
                        commenters.get(commenter).toString(), drainCommenter(commenter),
                        "A comment of the drain backlog.", List.of(), Instant.now()));
            }
            producer.flush();
        }
        results.note(String.format(Locale.ROOT, "drain: published %d CommentPosted events in %.1f s while "
                + "notification-service was stopped", events, (System.nanoTime() - publishStart) / 1e9));
        long restart = System.nanoTime();
        platform.restart(PlatformService.NOTIFICATION, List.of());
        String count = "select count(*), coalesce(floor(extract(epoch from min(created_at)) * 1000), 0), "
                + "coalesce(floor(extract(epoch from max(created_at)) * 1000), 0) from notification "
                + "where comment_id >= " + DRAIN_COMMENT_IDS;
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long[] progress = Databases.longs(poll, count);
        while (progress[0] < events && System.nanoTime() < deadline) {
            Thread.sleep(1000); // polling the service's progress in its database, with a deadline
            progress = Databases.longs(poll, count);
        }
        double seconds = Math.max(0.001, (progress[2] - progress[1]) / 1000.0);
        double rate = progress[0] / seconds;
        results.note(String.format(Locale.ROOT, "drain: %d of %d notifications in %.1f s (first to last), %.1f s "
                + "after the restart began", progress[0], events, seconds, (System.nanoTime() - restart) / 1e9));

        Path migrations = root.resolve("messaging/src/main/resources/db/migration/R__colloquy_messaging.sql");
        Pgbench pgbench = new Pgbench(workDir, platform.config().postgresUrl(), platform.config().postgresUser(),
                platform.config().postgresPassword());
        String scratch = databases.createScratch("pgbench_notification", List.of(migrations,
                root.resolve("notification-service/src/main/resources/db/migration/V1__notifications.sql")));
        String script = pgbench.script("notification", """
                BEGIN;
                INSERT INTO processed_event (consumer, event_id) VALUES ('notification-service/comment-events',
                    gen_random_uuid()::text);
                INSERT INTO notification (recipient_id, type, event_id, actor_id, actor_username, article_id,
                    article_slug, comment_id, comment_excerpt, created_at)
                  VALUES (gen_random_uuid(), 'comment', gen_random_uuid()::text, gen_random_uuid(), 'drain-commenter',
                    gen_random_uuid(), 'drain-1', 1, 'A comment of the drain backlog.', now());
                END;
                """.replace("\n    ", " ")).toString();
        int clients = 2;
        double pgRate = pgbench.saturation(scratch, script, clients, settings.step().multipliedBy(2));
        KafkaTools kafka = new KafkaTools(platform.config().bootstrapServers(), workDir);
        double consumerPerformance = kafka.consumerPerformance(Topics.COMMENT_EVENTS, events);
        results.note(String.format(Locale.ROOT, "drain baselines: pgbench %.0f tx/s (%d clients for %d s, "
                + "notification + processed_event per transaction); ConsumerPerformance %.0f records/s reading %d "
                + "records of %s", pgRate, clients, settings.step().multipliedBy(2).toSeconds(), consumerPerformance,
                events, Topics.COMMENT_EVENTS));
        double ratio = rate / pgRate;
        boolean complete = progress[0] >= events;
        results.row("3. Consumer drain", "notification-service drains " + events + " CommentPosted",
                perSecond(rate) + (complete ? "" : " (rate of the first " + progress[0] + ", cut off after "
                        + settings.drainTimeout().toSeconds() + " s)"),
                perSecond(pgRate) + " (pgbench, notification + processed_event row)", pct(ratio), "≥ 50%",
                ratio >= 0.5);
        results.row("3. Consumer drain", "same backlog, Kafka alone", perSecond(rate),
                perSecond(consumerPerformance) + " (ConsumerPerformance, same topic)",
                pct(rate / consumerPerformance), "–", null);
        results.throughputs.put("drain", new double[] {rate, pgRate});
    }

    private KafkaProducer<String, String> drainProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.config().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static String drainCommenter(int index) {
        return "drain-commenter-" + index;
    }

    /** As the outbox relay writes an event: CloudEvents binary mode (see KafkaTestClient.cloudEvent). */
    private static void send(KafkaProducer<String, String> producer, String topic, DomainEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.key(), EventJson.write(event));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", EventCatalog.of(event.getClass()).type());
        header(record, "ce_source", "urn:colloquy:benchmark");
        header(record, "ce_subject", event.subject());
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        producer.send(record);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ 4. reads

    private void readPath() throws Exception {
        seed();
        int articles = settings.articles();
        Supplier<String> slug = () -> Seeding.slug(1 + ThreadLocalRandom.current().nextInt(articles));
        readScenario("GET /api/articles?limit=20", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles?limit=20", null, null, 200));
        readScenario("GET /api/articles/{slug}", () -> http.expect(HttpMethod.GET, gateway + "/api/articles/"
                + slug.get(), null, null, 200));
        readScenario("GET /api/articles/{slug}, signed in", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles/" + slug.get(), readerToken, null, 200));
        readScenario("GET /api/articles/{slug}/comments", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles/" + slug.get() + "/comments", null, null, 200));
        readScenario("GET /api/articles/{slug}/comments, signed in", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles/" + slug.get() + "/comments", readerToken, null, 200));
    }

    /**
     * The read data set, once for the read path and the closed model: seeded articles and comments, the reader's
     * follows of half the seeded authors, and fresh planner statistics (after the write path's posts too).
     */
    private void seed() {
        if (seeded) {
            return;
        }
        // the reader follows the author through the API, as a user would (the follow reaches the replicas by
        // user.events): from now on each article the author posts notifies the reader too. Not before the write
        // path, whose figures stay comparable with earlier reports.
        http.call("POST", gateway + "/api/profiles/" + authorName + "/follow", readerToken, null);
        Seeding.seed(databases, platform.config(), settings.articles(), settings.comments(), results);
        Seeding.follow(databases, platform.config(), readerId);
        Seeding.analyze(databases, platform.config(), results);
        seeded = true;
    }

    private void readScenario(String name, Supplier<Future<Boolean>> request) {
        Saturation saturated = saturate(name, request, settings.readStartRate(), settings.readMaxSteps());
        double saturation = saturated.rate();
        OpenLoad.Point half = OpenLoad.run(name + " @50%", saturation / 2, settings.warmup(), settings.measure(),
                Duration.ofSeconds(15), request);
        System.out.println("[bench] " + half);
        results.row("4. Read path", name + ": throughput at saturation", saturated.label(), "–", "–", "–", null);
        results.row("4. Read path", name + ": p99 at 50% load", millis(half.p(99)) + " (p50 " + millis(half.p(50))
                + ", " + half.failed() + " failed)", "–", "–", "–", null);
        latencyPoint(name + " @50%", half);
        results.throughputs.put(shortName(name), new double[] {saturation, Double.NaN});
    }

    // -------------------------------------------------------------------------------------------- 5. closed model

    private void closedModel() throws Exception {
        seed();
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> commenters = new ArrayList<>();
        for (int i = 0; i < settings.closedConnections(); i++) {
            commenters.add(register("bench-commenter-" + run + "-" + i));
        }
        ClosedModel.run(new ClosedModel.Context(settings, results, gateway, authorToken, readerToken, commenters,
                settings.articles(), platformProcesses(), this::backlog, PlatformService.BACKENDS.stream()
                        .map(PlatformService::name).toList()));
    }

    // ----------------------------------------------------------------------------------------------- 6. footprint

    private void footprint() throws Exception {
        Map<PlatformService, Long> rss = new HashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            rss.put(service, platform.process(service).map(Benchmark::rssKb).orElse(-1L));
            platform.process(service).flatMap(process -> JvmFacts.of(process, workDir)).ifPresent(facts -> results
                    .note(service.name() + " after the scenarios: " + facts.describe()));
        }
        Map<PlatformService, Double> ready = new HashMap<>();
        Map<PlatformService, String> quarkusStart = new HashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            platform.stop(service);
            long start = System.nanoTime();
            platform.restart(service, List.of());
            ready.put(service, (System.nanoTime() - start) / 1e9);
            platform.process(service).flatMap(process -> JvmFacts.of(process, workDir)).ifPresent(facts -> results
                    .note(service.name() + " when ready: " + facts.describe()));
            quarkusStart.put(service, startedIn(platform.config().dataDir().resolve("logs")
                    .resolve(service.name() + ".log")));
        }
        BareApp bare = BareApp.measure(root, workDir, http, settings.warmup(), platform.applicationJava(),
                platform.aheadOfTimeCaches());
        results.note(String.format(Locale.ROOT, "bare Quarkus REST app: ready in %.2f s (Quarkus: started in %s s),"
                + " RSS %d MiB after %d s of GET /hello at 200/s; the services and the bare app run on %s",
                bare.readySeconds(), bare.startedIn(), bare.rssKb() / 1024, settings.warmup().toSeconds(),
                platform.applicationJava()));
        bare.readyWithCacheSeconds().ifPresent(cached -> results.note(String.format(Locale.ROOT,
                "the services start with their ahead-of-time caches (deploy/README.md, JVM settings); the bare app"
                        + " with its own cache is ready in %.2f s: the services' time to ready against it: %s",
                cached, PlatformService.ALL.stream().map(service -> service.name() + " " + times(
                        ready.get(service) / cached)).collect(Collectors.joining(", ")))));
        bare.atReady().ifPresent(facts -> results.note("bare app when ready: " + facts.describe()));
        bare.warmedUp().ifPresent(facts -> results.note("bare app after its warm-up: " + facts.describe()));
        for (PlatformService service : PlatformService.ALL) {
            double readyRatio = ready.get(service) / bare.readySeconds();
            results.row("6. Footprint", service.name() + ": time to ready", String.format(Locale.ROOT,
                    "%.2f s (Quarkus: %s s)", ready.get(service), quarkusStart.get(service)),
                    String.format(Locale.ROOT, "%.2f s (Quarkus: %s s)", bare.readySeconds(), bare.startedIn()),
                    times(readyRatio), "≤ 2×", readyRatio <= 2);
            double rssRatio = (double) rss.get(service) / bare.rssKb();
            results.row("6. Footprint", service.name() + ": RSS after warm-up", rss.get(service) / 1024 + " MiB",
                    bare.rssKb() / 1024 + " MiB", times(rssRatio), "≤ 1.5×", rssRatio <= 1.5);
        }
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

    static long rssKb(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static String startedIn(Path log) {
        try {
            Matcher matcher = STARTED_IN.matcher(Files.readString(log));
            String last = "?";
            while (matcher.find()) {
                last = matcher.group(1);
            }
            return last;
        } catch (IOException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private void latencyPoint(String label, OpenLoad.Point point) {
        latencyPoint(label, point.latency(), point.offeredRate());
    }

    private void latencyPoint(String label, Histogram histogram, double throughput) {
        results.latencyPoints.add(new Results.Point(label, ms(histogram, 50), ms(histogram, 90), ms(histogram, 99),
                ms(histogram, 99.9), throughput));
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String shortName(String name) {
        return name.replace("/api/articles/{slug}/comments", "comments").replace("/api/articles", "articles")
                .replace("?limit=20", "");
    }

    static String json(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String perSecond(double value) {
        return String.format(Locale.ROOT, "%.0f/s", value);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    /** A ratio; "–" when the baseline was 0 (EndToEndLatency truncates to whole milliseconds, so 0 ms happens). */
    static String times(double ratio) {
        return Double.isFinite(ratio) && ratio < 1e6 ? String.format(Locale.ROOT, "%.2f×", ratio) : "– (baseline 0)";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            platform.close();
            try {
                platform.dropDatabases();
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
            }
        }
        if (databases != null) {
            databases.dropScratch();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + workDir + ": " + e.getMessage());
        }
    }
}
