package org.colloquy.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.colloquy.platform.PlatformService;

/**
 * The closed-model scenario, the equivalent of {@code wrk -t2 -c32} against each endpoint in turn: the figures
 * other RealWorld implementations publish are of that kind, and the targets of the read and write rates are
 * stated in them. Reads run anonymous and signed in, one after the other for each endpoint, so that both see the
 * same machine; the signed-in reader follows half of the seeded authors, so that the {@code following} flags are
 * looked up for real. Each run also gives the CPU time one request costs above the idle platform; for the writes
 * that includes the work the write leaves to the outbox relays and the consumers, measured until it is done.
 */
final class ClosedModel {

    static final String SCENARIO = "5. Closed model";
    private static final int LIST_TARGET = 2000;
    private static final int ARTICLE_TARGET = 3600;
    private static final int COMMENTS_TARGET = 3000;
    private static final int WRITE_TARGET = 600;
    private static final double SIGNED_IN_SHARE = 0.85;
    private static final double WRITE_CPU_TARGET_MS = 3;
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(8);
    private static final Duration BACKLOG_DEADLINE = Duration.ofMinutes(4);

    /** What the scenario needs from the run: the platform's processes and backlog, the users and the data set. */
    record Context(Settings settings, Results results, String gateway, String authorToken, String readerToken,
            List<String> commenterTokens, int articles, Map<String, ProcessHandle> processes, Supplier<Backlog> backlog,
            List<String> consumerGroups) {
    }

    private final Context context;
    private final Settings settings;
    private final Results results;
    private final Http http;
    private CpuTime.Reading idleStart;
    private CpuTime.Reading idleEnd;
    private boolean idleMachine;

    private ClosedModel(Context context, Http http) {
        this.context = context;
        this.settings = context.settings();
        this.results = context.results();
        this.http = http;
    }

    /** On the read data set, with a writer registered per connection for the last write. */
    static void run(ScenarioContext run) throws Exception {
        run.readDataSet().ensureSeeded();
        Settings settings = run.settings();
        String id = UUID.randomUUID().toString().substring(0, 6);
        List<String> commenters = new ArrayList<>();
        for (int i = 0; i < settings.closedConnections(); i++) {
            commenters.add(UsersAndArticles.register(run.http(), run.gateway(), "bench-commenter-" + id + "-" + i));
        }
        BenchmarkPlatform platform = run.platform();
        Context context = new Context(settings, run.results(), run.gateway(), run.users().authorToken(),
                run.users().readerToken(), commenters, settings.articles(), platform.processes(), platform::backlog,
                PlatformService.BACKENDS.stream().map(PlatformService::name).toList());
        try (Http http = new Http(settings.closedConnections(), settings.closedThreads())) {
            new ClosedModel(context, http).run();
        }
    }

    private void run() throws Exception {
        results.note(String.format(Locale.ROOT, "closed model: %d connections on %d event-loop threads, %d s warm-up"
                + " (%d s before a write) and %d s measured per endpoint, in the order of the table",
                settings.closedConnections(), settings.closedThreads(), settings.closedWarmup().toSeconds(),
                settings.closedWriteWarmup().toSeconds(), settings.closedDuration().toSeconds()));
        try (Backlog backlog = context.backlog().get()) {
            backlog.awaitEmpty(context.consumerGroups(), BACKLOG_DEADLINE);
        }
        Thread.sleep(IDLE_SAMPLE.toMillis()); // JIT compilers and timers finish what the last scenario left them
        idleStart = CpuTime.Reading.take(context.processes());
        Thread.sleep(IDLE_SAMPLE.toMillis());
        idleEnd = CpuTime.Reading.take(context.processes());
        double idle = CpuTime.machinePerSecond(idleStart, idleEnd);
        // with other work on the machine the idle sample would take most of every run's time off with it, and the
        // CPU per request would come out near 0: then it is not given at all
        idleMachine = idle < 0.5 * 1000 * Runtime.getRuntime().availableProcessors();
        results.note(String.format(Locale.ROOT, "idle platform before the closed model: %.0f ms CPU per second on "
                + "the whole machine%s", idle, idleMachine ? "" : " (the machine was busy with other work: no CPU "
                + "per request is given)"));

        int articles = context.articles();
        String dataSet = " (" + articles + " articles)";
        read("GET /api/articles?limit=20", dataSet, LIST_TARGET,
                token -> () -> get("/api/articles?limit=20", token));
        read("GET /api/articles/{slug}", "", ARTICLE_TARGET,
                token -> () -> get("/api/articles/" + randomSlug(), token));
        read("GET /api/articles/{slug}/comments", "", COMMENTS_TARGET,
                token -> () -> get("/api/articles/" + randomSlug() + "/comments", token));

        AtomicLong counter = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 6);
        write("POST /api/articles", () -> http.expect(HttpMethod.POST, context.gateway() + "/api/articles",
                context.authorToken(), RequestBodies.json(RequestBodies.article("Closed " + run + " "
                        + counter.incrementAndGet())), 201));
        write("POST /api/articles/{slug}/comments", () -> comment(context.readerToken(), counter));
        // One writer's posts take turns on the writer's lock (the exact per-writer rate limit, CommentService):
        // the run above measures one writer's serial rate, this one the platform's with a writer per connection.
        List<String> commenters = context.commenterTokens();
        write("POST /api/articles/{slug}/comments, " + commenters.size() + " writers",
                () -> comment(commenters.get((int) (counter.incrementAndGet() % commenters.size())), counter));
    }

    private Future<Boolean> comment(String token, AtomicLong counter) {
        return http.expect(HttpMethod.POST, context.gateway() + "/api/articles/" + randomSlug() + "/comments",
                token, RequestBodies.comment("A closed-model comment, number " + counter.incrementAndGet() + "."), 201);
    }

    private interface Signed {
        Supplier<Future<Boolean>> as(String token);
    }

    private Future<Boolean> get(String path, String token) {
        return http.expect(HttpMethod.GET, context.gateway() + path, token, null, 200);
    }

    private String randomSlug() {
        return Seeding.slug(1 + ThreadLocalRandom.current().nextInt(context.articles()));
    }

    /** Anonymous, then signed in: the first against the target, the second against the first. */
    private void read(String endpoint, String dataSet, int target, Signed request) {
        Measured anonymous = measure(endpoint + ", anonymous", request.as(null), false);
        results.row(SCENARIO, endpoint + ", anonymous" + dataSet + ": requests/s", describe(anonymous.load()), "–",
                "–", "≥ " + target + " req/s", anonymous.rate() >= target && anonymous.load().errorRatio() <= 0.01);
        cpuRow(endpoint + ", anonymous", anonymous, false);
        Measured signedIn = measure(endpoint + ", signed in", request.as(context.readerToken()), false);
        double share = signedIn.rate() / anonymous.rate();
        results.row(SCENARIO, endpoint + ", signed in" + dataSet + ": requests/s", describe(signedIn.load()),
                Figures.perSecond(anonymous.rate()) + " (anonymous)", Figures.pct(share),
                "≥ " + Figures.pct(SIGNED_IN_SHARE) + " of anonymous (within 15%)",
                share >= SIGNED_IN_SHARE && signedIn.load().errorRatio() <= 0.01);
        cpuRow(endpoint + ", signed in", signedIn, false);
    }

    private void write(String endpoint, Supplier<Future<Boolean>> request) {
        Measured measured = measure(endpoint + ", signed in", request, true);
        results.row(SCENARIO, endpoint + ", signed in: requests/s", describe(measured.load()), "–", "–",
                "≥ " + WRITE_TARGET + " req/s", measured.rate() >= WRITE_TARGET
                        && measured.load().errorRatio() <= 0.01);
        cpuRow(endpoint + ", signed in", measured, true);
    }

    private void cpuRow(String name, Measured measured, boolean write) {
        double cpu = measured.cpu().get(CpuTime.MACHINE);
        String value = idleMachine ? Figures.millis(cpu) + String.format(Locale.ROOT,
                " (JIT compilers %s of it)", Figures.millis(CpuTime.jit(measured.cpu())))
                : "– (machine busy while idle)";
        if (write) {
            results.row(SCENARIO, name + ": CPU per write above idle (whole machine, with the relays' and "
                    + "consumers' work until outboxes and lag are empty)", value, "–", "–",
                    "≤ " + Figures.millis(WRITE_CPU_TARGET_MS), idleMachine ? (Boolean) (cpu <= WRITE_CPU_TARGET_MS)
                            : null);
        } else {
            results.row(SCENARIO, name + ": CPU per request above idle (whole machine)", value, "–", "–", "–",
                    null);
        }
    }

    /** A measured run and its CPU time per request (or per successful write), by process. */
    private record Measured(ClosedLoad.Result load, Map<String, Double> cpu) {
        double rate() {
            return load.rate();
        }
    }

    /**
     * The warm-up, then the measured run between two CPU readings. For a write, the readings also wait for the
     * outboxes and the consumer groups to be done: first with the warm-up's work (not counted), then with the
     * measured run's (counted, and the idle platform's share of that wait taken off too).
     */
    private Measured measure(String name, Supplier<Future<Boolean>> request, boolean write) {
        ClosedLoad.Result warmUp = ClosedLoad.run(http.vertx(), name + " warm-up", settings.closedConnections(),
                write ? settings.closedWriteWarmup() : settings.closedWarmup(), Duration.ofSeconds(15), request);
        System.out.println("[bench] " + warmUp);
        try (Backlog backlog = write ? context.backlog().get() : null) {
            if (write) {
                backlog.awaitEmpty(context.consumerGroups(), BACKLOG_DEADLINE);
            }
            CpuTime.Reading start = CpuTime.Reading.take(context.processes());
            ClosedLoad.Result result = ClosedLoad.run(http.vertx(), name, settings.closedConnections(),
                    settings.closedDuration(), Duration.ofSeconds(15), request);
            long drained = System.nanoTime();
            if (write) {
                backlog.awaitEmpty(context.consumerGroups(), BACKLOG_DEADLINE);
            }
            CpuTime.Reading end = CpuTime.Reading.take(context.processes());
            System.out.println("[bench] " + result);
            // a write's cost is that of the writes that succeeded: a refused one leaves no work behind
            Map<String, Double> perRequest = CpuTime.perUnit(idleStart, idleEnd, start, end,
                    Math.max(1, write ? result.ok() : result.ok() + result.errors()));
            results.note(String.format(Locale.ROOT, "closed model, %s%s; CPU per %s above idle: %s", result,
                    write ? String.format(Locale.ROOT, "; outboxes and consumers done %.1f s after the last "
                            + "response", (System.nanoTime() - drained) / 1e9) : "",
                    write ? "write" : "request", CpuTime.describe(perRequest)));
            results.latencyPoints.add(new Results.Point("closed: " + name, result.p(50), result.p(90),
                    result.p(99), result.p(99.9), result.rate()));
            return new Measured(result, perRequest);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** "3712 req/s (p50 7.9 ms, p99 25 ms, 0 errors)", as wrk would say it. */
    private static String describe(ClosedLoad.Result result) {
        return String.format(Locale.ROOT, "%s req/s (p50 %s, p99 %s, %d errors)", Math.round(result.rate()),
                Figures.millis(result.p(50)), Figures.millis(result.p(99)), result.errors());
    }
}
