package org.colloquy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Writes {@code results/<timestamp>/report.md} and its plot, and points {@code results/README.md} at it. */
final class Report {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    private final Results results;

    Report(Results results) {
        this.results = results;
    }

    Path write(Path resultsDir, Instant started) throws IOException {
        String name = FOLDER.format(started);
        Path dir = resultsDir.resolve(name);
        Files.createDirectories(dir);
        try {
            plot(dir.resolve("latency-throughput.png"), true);
        } catch (RuntimeException logAxisRefused) {
            plot(dir.resolve("latency-throughput.png"), false);
        }
        Path report = Files.writeString(dir.resolve("report.md"), markdown(name));
        Files.writeString(resultsDir.resolve("README.md"), """
                # Benchmark results

                Latest report: [%1$s](%1$s/report.md), written by `./benchmarks/run.sh`.

                Each run writes its own folder here (`<UTC date and time>/report.md` and its plot); see
                [../README.md](../README.md) for what the scenarios measure.
                """.formatted(name));
        return report;
    }

    /** The text of {@code report.md}: the environment, the rows against the targets, failures, points and notes. */
    String markdown(String name) {
        StringBuilder md = new StringBuilder();
        md.append("# Colloquy benchmark, ").append(name).append("\n\n");
        md.append("Written by `./benchmarks/run.sh` (see [the benchmark's README](../../README.md) for what each "
                + "scenario does and how to read this). Every figure below comes from this one run, on this machine, "
                + "with the baselines run in the same run.\n\n");
        md.append("| | |\n| --- | --- |\n");
        results.environment.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value)
                .append(" |\n"));
        md.append("\n## Results against the targets\n\n");
        md.append("| scenario | measure | Colloquy | baseline | ratio | target | result |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Results.Row row : results.rows) {
            md.append("| ").append(String.join(" | ", row.scenario(), row.metric(), row.colloquy(), row.baseline(),
                    row.ratio(), row.target(), row.verdict().equals("–") ? "–" : "**" + row.verdict() + "**"))
                    .append(" |\n");
        }
        if (!results.failures.isEmpty()) {
            md.append("\n## Scenarios that failed\n\n");
            results.failures.forEach(failure -> md.append("- ").append(failure.replace("\n", " ")).append('\n'));
        }
        md.append("\n## Latency percentiles (ms) of the measured points\n\n");
        md.append("![latency percentiles and throughput](latency-throughput.png)\n\n");
        md.append("| point | offered rate | p50 | p90 | p99 | p99.9 |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Results.Point point : results.latencyPoints) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", point.label(),
                    Double.isNaN(point.throughput()) ? "–" : Figures.perSecond(point.throughput()),
                    fmt(point.p50()), fmt(point.p90()), fmt(point.p99()), fmt(point.p999())));
        }
        md.append("\n## Log of the run\n\n");
        results.notes.forEach(note -> md.append("- ").append(note).append('\n'));
        return md.toString();
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    private void plot(Path file, boolean logarithmic) throws IOException {
        List<Chart<?, ?>> charts = new ArrayList<>();
        List<Results.Point> points = results.latencyPoints;
        if (!points.isEmpty()) {
            CategoryChart latency = new CategoryChartBuilder().width(1100).height(600)
                    .title("Latency percentiles at the measured rate (ms" + (logarithmic ? ", log scale)" : ")"))
                    .xAxisTitle("")
                    .yAxisTitle("ms").build();
            latency.getStyler().setYAxisLogarithmic(logarithmic);
            if (logarithmic) {
                latency.getStyler().setYAxisMin(0.01); // bars of a log axis need a floor above 0
            }
            latency.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            latency.getStyler().setXAxisLabelRotation(20);
            latency.getStyler().setAvailableSpaceFill(0.8);
            List<String> labels = points.stream().map(Results.Point::label).toList();
            latency.addSeries("p50", labels, points.stream().map(p -> positive(p.p50())).toList());
            latency.addSeries("p90", labels, points.stream().map(p -> positive(p.p90())).toList());
            latency.addSeries("p99", labels, points.stream().map(p -> positive(p.p99())).toList());
            latency.addSeries("p99.9", labels, points.stream().map(p -> positive(p.p999())).toList());
            charts.add(latency);
        }
        if (!results.throughputs.isEmpty()) {
            CategoryChart throughput = new CategoryChartBuilder().width(1100).height(500)
                    .title("Throughput at saturation (per second): Colloquy and its baseline").yAxisTitle("/s")
                    .build();
            throughput.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            throughput.getStyler().setAvailableSpaceFill(0.8);
            List<String> labels = new ArrayList<>(results.throughputs.keySet());
            throughput.addSeries("Colloquy", labels, labels.stream().map(l -> zero(results.throughputs.get(l)[0]))
                    .toList());
            throughput.addSeries("baseline (pgbench)", labels, labels.stream()
                    .map(l -> zero(results.throughputs.get(l)[1])).toList());
            charts.add(throughput);
        }
        if (!charts.isEmpty()) {
            BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** A log axis cannot show 0 or a missing value; the table has the exact figures. */
    private static Double positive(double value) {
        return Double.isNaN(value) ? 0.01 : Math.max(0.01, value);
    }

    private static Double zero(double value) {
        return Double.isNaN(value) ? 0.0 : value;
    }

}
