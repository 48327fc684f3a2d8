package org.colloquy.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs the baseline tools (pgbench, Kafka's tools) as child processes and returns their output. */
final class Processes {

    private Processes() {
    }

    /** Runs the command to its end (or kills it after {@code timeout}); fails when it exits non-zero. */
    static String run(List<String> command, Path workDir, Duration timeout) {
        try {
            Path output = Files.createTempFile("colloquy-bench-", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException(command.get(0) + " did not finish within " + timeout + ":\n"
                            + Files.readString(output));
                }
                String text = Files.readString(output);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with "
                            + process.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Java main of this benchmark's class path (Kafka's tools), in its own JVM as the tool is meant to run. */
    static List<String> java(String mainClass, String... args) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
