package org.colloquy.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM the applications run on, and their ahead-of-time caches (JDK 25, JEP 483/514/515): the classes a start
 * loads and links, and the profiles of the methods it runs, written once per build and mapped by every later start.
 * Measured on article-service (2 cores): ready in 4.6-5.4 s with the cache against 8.6-9.0 s without, 6.4-7.5 s of
 * CPU against 11.7 s (deploy/README.md, "JVM settings").
 *
 * <p>The applications are packaged as Quarkus {@code aot-jar} (every class on the class path, which the cache
 * covers; the default fast-jar loads the application's classes with its own class loader, which it does not). The
 * cache of an application is made from a training start: the application starts with {@code -XX:AOTMode=record}
 * against this platform's Kafka and database until it is ready, stops (the JVM writes what it recorded), and
 * {@code -XX:AOTMode=create} turns that into {@code target/quarkus-app/app.aot}. That happens again only when the
 * application's jar is newer than its cache. A cache that does not fit the JVM or class path is ignored by the JVM
 * (with a warning in the application's log), which then starts as it would without one.
 *
 * <p>Opt-in: the caches are used when the launcher itself runs on Java 25+, or when {@code COLLOQUY_JAVA_HOME} names
 * a JDK 25+; otherwise the applications run on the launcher's JVM (or an older {@code COLLOQUY_JAVA_HOME}) without
 * them. Not the default, because the benchmark of 2026-12-02T1334Z, with every application on Java 25 and its cache,
 * measured twice the RSS after the load scenarios for three services (deploy/README.md): the faster start is
 * measured, the memory is not understood yet.
 */
final class AotCache {

    static final int FEATURE = 25;
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    /** A training start records, and its JVM writes ~130 MiB when it stops: seconds, more on a busy machine. */
    private static final Duration TRAINING_STOP = Duration.ofSeconds(180);
    private static final Duration CREATE = Duration.ofSeconds(300);

    /** A JDK 25+ when the applications run with caches. */
    private final Optional<Path> javaHome;
    /** The JDK the applications run on. */
    private final Path runtime;

    AotCache(Optional<Path> javaHome) {
        this(javaHome, javaHome.orElse(Path.of(System.getProperty("java.home"))));
    }

    private AotCache(Optional<Path> javaHome, Path runtime) {
        this.javaHome = javaHome;
        this.runtime = runtime;
    }

    static AotCache find() {
        Path own = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= FEATURE) {
            return new AotCache(Optional.of(own));
        }
        String configured = System.getenv("COLLOQUY_JAVA_HOME");
        if (configured == null || configured.isBlank()) {
            return new AotCache(Optional.empty());
        }
        Path home = Path.of(configured.trim());
        int feature = feature(home).orElseThrow(() -> new StartupFailure("COLLOQUY_JAVA_HOME=" + home
                + " is not a JDK (it has no release file)."));
        return feature >= FEATURE ? new AotCache(Optional.of(home), home) : new AotCache(Optional.empty(), home);
    }

    /** The java executable of the applications. */
    String java() {
        return runtime.resolve("bin").resolve("java").toString();
    }

    boolean enabled() {
        return javaHome.isPresent();
    }

    /** What a user reads at start: which Java runs the applications, and what to install when it is not 25. */
    String describe() {
        return javaHome.map(home -> "Applications run on " + home + " with ahead-of-time caches (JDK " + FEATURE
                + "+).").orElse("Applications run on " + runtime + ". With a JDK " + FEATURE + " in"
                        + " COLLOQUY_JAVA_HOME they would start in about half the time, from ahead-of-time caches.");
    }

    /** The options that make a start use the application's cache, when there is one. */
    List<String> options(Path jar) {
        Path cache = cache(jar);
        return enabled() && Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    boolean needsTraining(Path jar) {
        if (!enabled()) {
            return false;
        }
        Path cache = cache(jar);
        try {
            return !Files.exists(cache) || Files.getLastModifiedTime(cache).compareTo(
                    Files.getLastModifiedTime(jar)) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** The options of a training start. */
    List<String> recordOptions(Path jar) {
        return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration(jar));
    }

    /**
     * After a training start ended: turns what it recorded into the cache, with the same JVM options and class path,
     * as the JVM requires. A training start that was killed left nothing; then the application runs without a cache.
     */
    void create(String name, List<String> jvmOptions, Path jar, Path log, Consumer<String> progress) {
        Path configuration = configuration(jar);
        if (!Files.exists(configuration)) {
            progress.accept(name + ": the training start left no record; it runs without an ahead-of-time cache.");
            return;
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                "-XX:AOTCache=" + cache(jar), "-jar", jar.toString()));
        ChildProcess process = ChildProcess.start(name + " (AOT cache)", command, jar.getParent(), log, true);
        boolean done = process.awaitExit(CREATE);
        try {
            Files.deleteIfExists(configuration);
        } catch (IOException e) {
            // a left-over record is overwritten by the next training start
        }
        if (!done || !Files.exists(cache(jar))) {
            progress.accept(name + ": no ahead-of-time cache was made (see " + log + ").");
        }
    }

    static Duration trainingStop() {
        return TRAINING_STOP;
    }

    static Path cache(Path jar) {
        return jar.resolveSibling("app.aot");
    }

    private static Path configuration(Path jar) {
        return jar.resolveSibling("app.aotconf");
    }

    /** The feature version a JDK's {@code release} file names (e.g. 25 for {@code JAVA_VERSION="25.0.3"}). */
    static Optional<Integer> feature(Path javaHome) {
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
