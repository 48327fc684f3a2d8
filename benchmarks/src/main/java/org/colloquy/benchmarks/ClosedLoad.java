package org.colloquy.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-model load generator, the model of {@code wrk}: each of {@code connections} loops sends its next request
 * as soon as the previous response arrived, for a fixed time. The rate is whatever the service sustains with that
 * many requests in flight, and a latency is the time from sending to the response; unlike {@link OpenLoad} it says
 * nothing about requests that would have queued behind a slow one. It is here so that figures compare with the
 * {@code wrk -t2 -c32} figures other RealWorld implementations publish.
 */
final class ClosedLoad {

    /** One run: responses with the expected status, the others (non-2xx, timeouts, resets) and their latencies. */
    record Result(String name, long ok, long errors, double seconds, Histogram latency) {

        /** Expected responses per second: an error does not count as throughput. */
        double rate() {
            return ok / seconds;
        }

        double p(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double errorRatio() {
            return ok + errors == 0 ? 0 : (double) errors / (ok + errors);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: %.1f req/s over %.1f s, ok %d, errors %d, p50 %.2f ms, "
                    + "p99 %.2f ms", name, rate(), seconds, ok, errors, p(50), p(99));
        }
    }

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

    private ClosedLoad() {
    }

    /**
     * Runs {@code connections} loops for {@code duration}; a loop sends no new request after it, and the run ends
     * when the last response is in (or {@code drain} later). Every response of the run counts, over the time from
     * the start to the last response. The client must hold at least {@code connections} connections.
     */
    static Result run(Vertx vertx, String name, int connections, Duration duration, Duration drain,
            Supplier<Future<Boolean>> request) {
        Recorder recorder = new Recorder(MAX_LATENCY_MICROS, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastResponse = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            new Loop(vertx, request, recorder, ok, errors, lastResponse, stopped, end).next();
        }
        try {
            long wait = end - System.nanoTime() + drain.toNanos();
            if (!stopped.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                // a loop whose request never answered: its request counts as an error
                errors.addAndGet(stopped.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long last = Math.max(lastResponse.get(), end);
        return new Result(name, ok.get(), errors.get(), (last - start) / 1e9, recorder.getIntervalHistogram());
    }

    /** One connection's loop: a request, its response, the next request. */
    private record Loop(Vertx vertx, Supplier<Future<Boolean>> request, Recorder recorder, AtomicLong ok,
            AtomicLong errors, AtomicLong lastResponse, CountDownLatch stopped, long end) {

        void next() {
            long sent = System.nanoTime();
            if (sent >= end) {
                stopped.countDown();
                return;
            }
            Future<Boolean> future;
            try {
                future = request.get();
            } catch (RuntimeException e) {
                future = Future.failedFuture(e);
            }
            future.onComplete(result -> {
                long now = System.nanoTime();
                recorder.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - sent) / 1000)));
                (result.succeeded() && Boolean.TRUE.equals(result.result()) ? ok : errors).incrementAndGet();
                lastResponse.accumulateAndGet(now, Math::max);
                // an already failed future completes on this stack: the next request goes through the event loop
                // so that a refused connection cannot recurse without end
                vertx.runOnContext(ignored -> next());
            });
        }
    }
}
