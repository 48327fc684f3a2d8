package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void aRowsVerdictIsPassMissOrNone() {
        Results results = new Results();
        results.row("s", "a", "1", "2", "0.50×", "≥ 1×", false);
        results.row("s", "b", "2", "1", "2.00×", "≥ 1×", true);
        results.row("s", "c", "1", "–", "–", "–", null);

        assertThat(results.rows).extracting(Results.Row::verdict).containsExactly("MISS", "PASS", "–");
    }

    @Test
    void aLatencyPointHoldsThePercentilesInMilliseconds() {
        Histogram latency = new Histogram(120_000_000L, 3);
        latency.recordValue(1_500); // below 2048 the histogram is exact
        Results results = new Results();

        results.latencyPoint("event latency", latency, 20);
        results.latencyPoint("nothing measured", new Histogram(120_000_000L, 3), 10);

        assertThat(results.latencyPoints.get(0)).isEqualTo(new Results.Point("event latency", 1.5, 1.5, 1.5, 1.5,
                20));
        assertThat(results.latencyPoints.get(1).p99()).isNaN();
    }
}
