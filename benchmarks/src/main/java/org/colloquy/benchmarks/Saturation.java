package org.colloquy.benchmarks;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The best completion rate of a saturation search; a lower bound if the path kept up with every step. The write
 * path and the read path both find their saturation this way, and then measure latency at half of it.
 */
record Saturation(double rate, boolean reached) {

    /** "320/s", or "≥ 640/s (not saturated)" when the search ran out of steps before the path fell behind. */
    String label() {
        return reached ? Figures.perSecond(rate) : "≥ " + Figures.perSecond(rate) + " (not saturated)";
    }

    /**
     * Doubles the arrival rate from {@code startRate} until the service falls behind, for at most {@code maxSteps}
     * steps; its best completion rate is its saturation.
     */
    static Saturation search(String name, Supplier<Future<Boolean>> request, int startRate, int maxSteps,
            Settings settings, Results results) {
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
            fellBehind = fellBehind(point, rate);
            rate *= 2;
        }
        results.note(String.format(Locale.ROOT, fellBehind ? "%s saturates at %.1f/s"
                : "%s kept up with every step up to %.1f/s (its last step): its capacity is higher", name, best));
        if (best <= 0) {
            throw new IllegalStateException(name + " completed no request at " + startRate + "/s");
        }
        return new Saturation(best, fellBehind);
    }

    /** Less than 90% of the offered rate completed, more than 1% failed, or the p99 went above 2 s. */
    static boolean fellBehind(OpenLoad.Point point, double rate) {
        return point.throughput() < 0.9 * rate || point.errorRatio() > 0.01 || point.p(99) > 2000;
    }
}
