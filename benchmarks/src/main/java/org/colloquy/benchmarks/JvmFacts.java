package org.colloquy.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a running JVM holds, read with the JDK's {@code jstat}: the classes it loaded, its heap (committed and used)
 * and its metaspace. They explain the footprint figures: start-up time grows with the classes loaded (and
 * initialised, and compiled), resident memory mostly with the committed heap and the metaspace.
 */
record JvmFacts(long classes, double heapCommittedMiB, double heapUsedMiB, double metaspaceMiB) {

    static Optional<JvmFacts> of(ProcessHandle process, Path workDir) {
        try {
            String pid = Long.toString(process.pid());
            Map<String, Double> gc = columns(Processes.run(List.of(jstat(), "-gc", pid), workDir,
                    Duration.ofSeconds(20)));
            Map<String, Double> classes = columns(Processes.run(List.of(jstat(), "-class", pid), workDir,
                    Duration.ofSeconds(20)));
            double committedKb = gc.get("S0C") + gc.get("S1C") + gc.get("EC") + gc.get("OC");
            double usedKb = gc.get("S0U") + gc.get("S1U") + gc.get("EU") + gc.get("OU");
            return Optional.of(new JvmFacts(classes.get("Loaded").longValue(), committedKb / 1024, usedKb / 1024,
                    gc.get("MC") / 1024));
        } catch (RuntimeException e) {
            System.out.println("[bench] jstat could not read process " + process.pid() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "%d classes loaded, heap %.0f MiB committed (%.0f MiB used), metaspace "
                + "%.0f MiB", classes, heapCommittedMiB, heapUsedMiB, metaspaceMiB);
    }

    /** jstat prints a line of column names and a line of values; a name that repeats keeps its first value. */
    private static Map<String, Double> columns(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        String[] names = lines.get(lines.size() - 2).trim().split("\\s+");
        String[] values = lines.get(lines.size() - 1).trim().split("\\s+");
        Map<String, Double> columns = new HashMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            columns.putIfAbsent(names[i], parse(values[i]));
        }
        return columns;
    }

    private static double parse(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String jstat() {
        return Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
    }
}
