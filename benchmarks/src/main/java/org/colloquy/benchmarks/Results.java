package org.colloquy.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** What one run measured: the comparison rows of the report, the latency points of the plot, and notes. */
final class Results {

    /** One line of the report: a Colloquy figure against its baseline, and the target if there is one. */
    record Row(String scenario, String metric, String colloquy, String baseline, String ratio, String target,
            String verdict) {
    }

    /** Latency percentiles (ms) and throughput (/s) of one measured point, for the plot. */
    record Point(String label, double p50, double p90, double p99, double p999, double throughput) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<Point> latencyPoints = new ArrayList<>();
    final Map<String, double[]> throughputs = new LinkedHashMap<>(); // label -> {colloquy, baseline}
    final List<String> notes = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final Map<String, String> environment = new LinkedHashMap<>();

    synchronized void row(String scenario, String metric, String colloquy, String baseline, String ratio,
            String target, Boolean pass) {
        rows.add(new Row(scenario, metric, colloquy, baseline, ratio, target,
                pass == null ? "–" : pass ? "PASS" : "MISS"));
    }

    /** A point of the latency plot and table: the percentiles of a run at its offered rate. */
    synchronized void latencyPoint(String label, OpenLoad.Point point) {
        latencyPoint(label, point.latency(), point.offeredRate());
    }

    /** {@code histogram}: microseconds; {@code throughput}: the rate the point was measured at. */
    synchronized void latencyPoint(String label, Histogram histogram, double throughput) {
        latencyPoints.add(new Point(label, Figures.ms(histogram, 50), Figures.ms(histogram, 90),
                Figures.ms(histogram, 99), Figures.ms(histogram, 99.9), throughput));
    }

    synchronized void note(String text) {
        notes.add(text);
        System.out.println("[bench] " + text);
    }
}
