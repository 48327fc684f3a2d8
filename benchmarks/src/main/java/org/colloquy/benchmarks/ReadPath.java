package org.colloquy.benchmarks;

import static org.colloquy.benchmarks.Figures.millis;
import static org.colloquy.benchmarks.Figures.shortName;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Scenario 4, the read path: the article list, an article and its comments, anonymous and signed in, against the
 * seeded data set; for each the saturation and the p99 at half of it. It has no baseline of its own: the closed
 * model compares the reads with the figures other RealWorld implementations publish.
 */
final class ReadPath extends Scenario {

    ReadPath(ScenarioContext context) {
        super(context);
    }

    @Override
    void run() {
        context.readDataSet().ensureSeeded();
        Http http = context.http();
        String gateway = context.gateway();
        String readerToken = context.users().readerToken();
        int articles = settings.articles();
        Supplier<String> slug = () -> Seeding.slug(1 + ThreadLocalRandom.current().nextInt(articles));
        measure("GET /api/articles?limit=20", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles?limit=20", null, null, 200));
        measure("GET /api/articles/{slug}", () -> http.expect(HttpMethod.GET, gateway + "/api/articles/"
                + slug.get(), null, null, 200));
        measure("GET /api/articles/{slug}, signed in", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles/" + slug.get(), readerToken, null, 200));
        measure("GET /api/articles/{slug}/comments", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles/" + slug.get() + "/comments", null, null, 200));
        measure("GET /api/articles/{slug}/comments, signed in", () -> http.expect(HttpMethod.GET, gateway
                + "/api/articles/" + slug.get() + "/comments", readerToken, null, 200));
    }

    private void measure(String name, Supplier<Future<Boolean>> request) {
        Saturation saturated = Saturation.search(name, request, settings.readStartRate(), settings.readMaxSteps(),
                settings, results);
        double saturation = saturated.rate();
        OpenLoad.Point half = OpenLoad.run(name + " @50%", saturation / 2, settings.warmup(), settings.measure(),
                Duration.ofSeconds(15), request);
        System.out.println("[bench] " + half);
        results.row("4. Read path", name + ": throughput at saturation", saturated.label(), "–", "–", "–", null);
        results.row("4. Read path", name + ": p99 at 50% load", millis(half.p(99)) + " (p50 " + millis(half.p(50))
                + ", " + half.failed() + " failed)", "–", "–", "–", null);
        results.latencyPoint(name + " @50%", half);
        results.throughputs.put(shortName(name), new double[] {saturation, Double.NaN});
    }
}
