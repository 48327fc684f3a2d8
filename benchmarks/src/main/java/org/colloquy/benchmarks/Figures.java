package org.colloquy.benchmarks;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * How the report writes a figure: milliseconds, rates, shares and ratios, always in the same notation (and in the
 * root locale, so that a run on a German machine writes the same report). Every scenario and the report use these,
 * so that a figure reads the same in every table and note.
 */
final class Figures {

    private Figures() {
    }

    /** A percentile of a histogram of microseconds, in milliseconds; NaN when nothing was recorded. */
    static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
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

    /** The label of an endpoint in the throughput plot: "comments" for "GET /api/articles/{slug}/comments". */
    static String shortName(String name) {
        return name.replace("/api/articles/{slug}/comments", "comments").replace("/api/articles", "articles")
                .replace("?limit=20", "");
    }
}
