package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void millisecondsKeepTwoDecimalsBelowTenAndNoneAbove() {
        assertThat(Figures.millis(0.456)).isEqualTo("0.46 ms");
        assertThat(Figures.millis(9.994)).isEqualTo("9.99 ms");
        assertThat(Figures.millis(10)).isEqualTo("10 ms");
        assertThat(Figures.millis(1234.4)).isEqualTo("1234 ms");
        assertThat(Figures.millis(Double.NaN)).isEqualTo("NaN ms");
    }

    @Test
    void ratesSharesAndRatiosAreRounded() {
        assertThat(Figures.perSecond(319.6)).isEqualTo("320/s");
        assertThat(Figures.pct(0.404)).isEqualTo("40%");
        assertThat(Figures.times(2.345)).isEqualTo("2.35×");
    }

    @Test
    void aRatioAgainstABaselineOfZeroSaysSo() {
        assertThat(Figures.times(Double.POSITIVE_INFINITY)).isEqualTo("– (baseline 0)");
        assertThat(Figures.times(Double.NaN)).isEqualTo("– (baseline 0)");
        assertThat(Figures.times(2e6)).isEqualTo("– (baseline 0)");
    }

    @Test
    void percentilesOfMicrosecondsAreMilliseconds() {
        Histogram histogram = new Histogram(120_000_000L, 3);
        for (long micros = 1; micros <= 100; micros++) {
            histogram.recordValue(micros * 1000);
        }

        assertThat(Figures.ms(histogram, 50)).isEqualTo(50.0, Offset.offset(0.1));
        assertThat(Figures.ms(histogram, 99)).isEqualTo(99.0, Offset.offset(0.1));
        assertThat(Figures.ms(new Histogram(120_000_000L, 3), 99)).isNaN();
    }

    @Test
    void theThroughputPlotNamesEndpointsShortly() {
        assertThat(Figures.shortName("GET /api/articles?limit=20")).isEqualTo("GET articles");
        assertThat(Figures.shortName("GET /api/articles/{slug}/comments, signed in"))
                .isEqualTo("GET comments, signed in");
        assertThat(Figures.shortName("POST /api/articles/{slug}/comments")).isEqualTo("POST comments");
        assertThat(Figures.shortName("GET /api/articles/{slug}")).isEqualTo("GET articles/{slug}");
    }
}
