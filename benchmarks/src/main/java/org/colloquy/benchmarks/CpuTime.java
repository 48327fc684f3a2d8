package org.colloquy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time from Linux's /proc, in milliseconds (clock ticks of 10 ms): the whole machine's busy time and each
 * process's own. Differences between readings tell what one request cost, and where, once what the machine burns
 * while idle (five JVMs' timers, pollers and compilers) is taken off.
 */
final class CpuTime {

    private static final long MS_PER_TICK = 10; // USER_HZ is 100 on Linux
    static final String MACHINE = "whole machine";
    /** Appended to a process's name: the part of its time spent in the JIT compiler threads. */
    private static final String JIT = " JIT";

    private CpuTime() {
    }

    /** One reading of the machine and of named processes, and when it was taken. */
    record Reading(long nanos, Map<String, Long> ms) {

        static Reading take(Map<String, ProcessHandle> processes) {
            Map<String, Long> ms = new LinkedHashMap<>();
            ms.put(MACHINE, machineBusyMs());
            processes.forEach((name, process) -> {
                ms.put(name, processMs(process));
                ms.put(name + JIT, compilerMs(process));
            });
            ms.put("PostgreSQL", postgresMs());
            return new Reading(System.nanoTime(), ms);
        }

        double seconds(Reading later) {
            return (later.nanos - nanos) / 1e9;
        }
    }

    /**
     * CPU milliseconds per unit of work between {@code start} and {@code end}, per name: the time spent minus what
     * the same name spent per second between the idle readings, over as many seconds.
     */
    static Map<String, Double> perUnit(Reading idleStart, Reading idleEnd, Reading start, Reading end, double units) {
        Map<String, Double> perUnit = new LinkedHashMap<>();
        double idleSeconds = idleStart.seconds(idleEnd);
        double seconds = start.seconds(end);
        for (String name : start.ms().keySet()) {
            long spent = end.ms().getOrDefault(name, -1L) - start.ms().get(name);
            long idle = idleEnd.ms().getOrDefault(name, -1L) - idleStart.ms().getOrDefault(name, 0L);
            if (start.ms().get(name) >= 0 && end.ms().getOrDefault(name, -1L) >= 0 && idle >= 0) {
                perUnit.put(name, Math.max(0, spent - idle / idleSeconds * seconds) / units);
            }
        }
        return perUnit;
    }

    static double machinePerSecond(Reading start, Reading end) {
        return (end.ms().get(MACHINE) - start.ms().get(MACHINE)) / start.seconds(end);
    }

    /** "12.3 ms on the whole machine (article-service 4.5 of which JIT 1.2, ...)". */
    static String describe(Map<String, Double> perUnit) {
        List<String> parts = perUnit.entrySet().stream()
                .filter(e -> !e.getKey().equals(MACHINE) && !e.getKey().endsWith(JIT))
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())
                        + (perUnit.getOrDefault(e.getKey() + JIT, 0.0) >= 0.005 ? String.format(Locale.ROOT,
                                " of which JIT %.2f", perUnit.get(e.getKey() + JIT)) : ""))
                .toList();
        return String.format(Locale.ROOT, "%.2f ms on the whole machine (%s)", perUnit.getOrDefault(MACHINE,
                Double.NaN), String.join(", ", parts));
    }

    /** The JIT compilers' share of {@code perUnit}, all processes together. */
    static double jit(Map<String, Double> perUnit) {
        return perUnit.entrySet().stream().filter(e -> e.getKey().endsWith(JIT)).mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** Busy time of all CPUs together since boot: user, nice, system, irq, softirq and steal. */
    private static long machineBusyMs() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy * MS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User plus system time of one process (all its threads); -1 when it is gone. */
    private static long processMs(ProcessHandle process) {
        try {
            return cpuMs(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User plus system time from a process's or thread's {@code stat} line. */
    private static long cpuMs(String stat) {
        // the fields after the command name, which may contain spaces: utime is field 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK;
    }

    /**
     * User plus system time of a JVM's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThread1", as Linux
     * shortens them to 15 characters): the warm-up still going on in that process. A compiler thread the JVM ends
     * between two readings (it starts and ends them with the queue's length) takes its time with it, so this is a
     * lower bound.
     */
    private static long compilerMs(ProcessHandle process) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            return tasks.mapToLong(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? cpuMs(stat) : 0;
                } catch (IOException | RuntimeException e) {
                    return 0; // the thread ended
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The PostgreSQL processes alive now (server, workers, backends). A backend that ends between two readings takes
     * its time with it: pgbench's backends do, so for pgbench only the whole machine's figure counts.
     */
    private static long postgresMs() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(CpuTime::processMs).filter(ms -> ms >= 0).sum();
    }
}
