package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SaturationTest {

    @Test
    void aSearchThatRanOutOfStepsGivesALowerBound() {
        assertThat(new Saturation(319.6, true).label()).isEqualTo("320/s");
        assertThat(new Saturation(640, false).label()).isEqualTo("≥ 640/s (not saturated)");
    }

    @Test
    void aStepFallsBehindOnThroughputErrorsOrTheP99() {
        assertThat(Saturation.fellBehind(point(95, 1000, 0, 10), 100)).isFalse();
        assertThat(Saturation.fellBehind(point(89, 1000, 0, 10), 100)).as("below 90% of the rate").isTrue();
        assertThat(Saturation.fellBehind(point(100, 980, 20, 10), 100)).as("2% failed").isTrue();
        assertThat(Saturation.fellBehind(point(100, 1000, 0, 2500), 100)).as("p99 above 2 s").isTrue();
    }

    private static OpenLoad.Point point(double throughput, long ok, long failed, long latencyMillis) {
        Histogram latency = new Histogram(120_000_000L, 3);
        latency.recordValue(latencyMillis * 1000);
        return new OpenLoad.Point("step", 100, throughput, ok, failed, latency);
    }
}
