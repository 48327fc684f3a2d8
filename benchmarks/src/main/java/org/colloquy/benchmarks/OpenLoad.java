package org.colloquy.benchmarks;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model load generator: requests start at a fixed arrival rate whatever the responses do, and each latency
 * is measured from the request's intended start time, so a slow response never hides the requests queued behind
 * it (no coordinated omission). Requests run on Vert.x's non-blocking client; one thread only schedules them.
 */
final class OpenLoad {

    /** One measured point. {@code latency} holds microseconds of requests intended within the measurement. */
    record Point(String name, double offeredRate, double throughput, long ok, long failed, Histogram latency) {

        double p(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN
                    : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double errorRatio() {
            return ok + failed == 0 ? 0 : (double) failed / (ok + failed);
        }

        @Override
        public String toString() {
            return String.format("%s: offered %.0f/s, throughput %.1f/s, ok %d, failed %d, p50 %.1f ms, p99 %.1f ms",
                    name, offeredRate, throughput, ok, failed, p(50), p(99));
        }
    }

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

    private OpenLoad() {
    }

    /**
     * Offers {@code rate} requests per second for {@code warmup} (not recorded) and then for {@code measure}; waits
     * for the stragglers (up to {@code drain}) before it returns. A request succeeds when its future completes with
     * true; a failed or false one counts as failed.
     */
    static Point run(String name, double rate, Duration warmup, Duration measure, Duration drain,
            Supplier<Future<Boolean>> request) {
        Recorder recorder = new Recorder(MAX_LATENCY_MICROS, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong completedInWindow = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        if (!(rate > 0)) {
            throw new IllegalArgumentException(name + ": the rate must be positive, not " + rate);
        }
        long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long end = windowStart + measure.toNanos();
        recorder.reset();
        for (long i = 0;; i++) {
            long intended = start + i * intervalNanos;
            if (intended >= end) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = intended >= windowStart;
            inFlight.incrementAndGet();
            Future<Boolean> future;
            try {
                future = request.get();
            } catch (RuntimeException e) {
                future = Future.failedFuture(e);
            }
            future.onComplete(result -> {
                long now = System.nanoTime();
                boolean success = result.succeeded() && Boolean.TRUE.equals(result.result());
                if (now >= windowStart && now < end && success) {
                    completedInWindow.incrementAndGet();
                }
                if (measured) {
                    recorder.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - intended) / 1000)));
                    (success ? ok : failed).incrementAndGet();
                }
                inFlight.decrementAndGet();
            });
        }
        long drainDeadline = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        // what has not answered by now is counted as failed, with the latency it has accumulated so far
        long unanswered = inFlight.get();
        failed.addAndGet(unanswered);
        Histogram latency = recorder.getIntervalHistogram();
        double throughput = measure.isZero() ? 0 : completedInWindow.get() / (measure.toNanos() / 1e9);
        return new Point(name, rate, throughput, ok.get(), failed.get(), latency);
    }
}
