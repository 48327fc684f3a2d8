package org.colloquy.benchmarks;

import static org.colloquy.benchmarks.Figures.millis;
import static org.colloquy.benchmarks.Figures.ms;
import static org.colloquy.benchmarks.Figures.pct;
import static org.colloquy.benchmarks.Figures.perSecond;
import static org.colloquy.benchmarks.Figures.shortName;
import static org.colloquy.benchmarks.Figures.times;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Scenario 1, the write path: posting articles and comments through the gateway, against pgbench doing what one
 * post does in the database (the entity and its outbox row in one transaction) on a scratch database with the
 * services' own schema. For each: the saturation of both, the p99 at half load, and the CPU one request costs above
 * the idle platform against what a pgbench transaction costs.
 */
final class WritePath extends Scenario {

    private static final int JIT_WARMUP_RATE = 30;
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(8);

    WritePath(ScenarioContext context) {
        super(context);
    }

    @Override
    void run() throws Exception {
        Http http = context.http();
        String gateway = context.gateway();
        UsersAndArticles users = context.users();
        AtomicLong counter = new AtomicLong();
        String id = UUID.randomUUID().toString().substring(0, 6);
        Supplier<Future<Boolean>> postArticle = () -> http.expect(HttpMethod.POST, gateway + "/api/articles",
                users.authorToken(), RequestBodies.json(RequestBodies.article("Load " + id + " "
                        + counter.incrementAndGet())), 201);
        Supplier<Future<Boolean>> postComment = () -> http.expect(HttpMethod.POST, gateway + "/api/articles/"
                + users.slugs().get((int) (counter.incrementAndGet() % users.slugs().size())) + "/comments",
                users.readerToken(), RequestBodies.comment("A benchmark comment, number " + counter.get() + "."), 201);

        Pgbench pgbench = context.pgbench();
        String articleDb = context.scratchDatabase("pgbench_article",
                "article-service/src/main/resources/db/migration/V1__articles.sql");
        String commentDb = context.scratchDatabase("pgbench_comment",
                "comment-service/src/main/resources/db/migration/V1__comments.sql");
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
        measure("POST /api/articles", postArticle, pgbench, articleDb, articleScript);
        measure("POST /api/articles/{slug}/comments", postComment, pgbench, commentDb, commentScript);
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

    private void measure(String name, Supplier<Future<Boolean>> request, Pgbench pgbench, String database,
            String script) throws InterruptedException {
        Saturation saturated = Saturation.search(name, request, settings.startRate(), settings.maxSteps(), settings,
                results);
        double saturation = saturated.rate();
        // what the idle platform burns per second, taken off the CPU time of the measured runs below
        Map<String, ProcessHandle> processes = context.platform().processes();
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
        results.latencyPoint(name + " @50%", half);
        results.latencyPoint("pgbench " + shortName(name) + " @50%", pgHalf, pgSaturation / 2);
        results.throughputs.put(shortName(name), new double[] {saturation, pgSaturation});
    }
}
