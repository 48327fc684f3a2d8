package org.colloquy.benchmarks;

import static org.colloquy.benchmarks.Figures.times;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformService;

/**
 * Scenario 6, the footprint: each application's resident memory after the load scenarios and its time to ready on
 * a restart, against the bare Quarkus REST app of {@link BareApp} started on the same JVM the same way. Last in a
 * run, because it restarts every application.
 */
final class Footprint extends Scenario {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    Footprint(ScenarioContext context) {
        super(context);
    }

    @Override
    void run() throws Exception {
        LocalPlatform platform = context.platform().launcher();
        Path workDir = context.workDir();
        Map<PlatformService, Long> rss = new HashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            rss.put(service, platform.process(service).map(Footprint::rssKb).orElse(-1L));
            platform.process(service).flatMap(process -> JvmFacts.of(process, workDir)).ifPresent(facts -> results
                    .note(service.name() + " after the scenarios: " + facts.describe()));
        }
        Map<PlatformService, Double> ready = new HashMap<>();
        Map<PlatformService, String> quarkusStart = new HashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            platform.stop(service);
            long start = System.nanoTime();
            platform.restart(service, List.of());
            ready.put(service, (System.nanoTime() - start) / 1e9);
            platform.process(service).flatMap(process -> JvmFacts.of(process, workDir)).ifPresent(facts -> results
                    .note(service.name() + " when ready: " + facts.describe()));
            quarkusStart.put(service, startedIn(platform.config().dataDir().resolve("logs")
                    .resolve(service.name() + ".log")));
        }
        BareApp bare = BareApp.measure(context.root(), workDir, context.http(), settings.warmup(),
                platform.applicationJava(), platform.aheadOfTimeCaches());
        results.note(String.format(Locale.ROOT, "bare Quarkus REST app: ready in %.2f s (Quarkus: started in %s s),"
                + " RSS %d MiB after %d s of GET /hello at 200/s; the services and the bare app run on %s",
                bare.readySeconds(), bare.startedIn(), bare.rssKb() / 1024, settings.warmup().toSeconds(),
                platform.applicationJava()));
        bare.readyWithCacheSeconds().ifPresent(cached -> results.note(String.format(Locale.ROOT,
                "the services start with their ahead-of-time caches (deploy/README.md, JVM settings); the bare app"
                        + " with its own cache is ready in %.2f s: the services' time to ready against it: %s",
                cached, PlatformService.ALL.stream().map(service -> service.name() + " " + times(
                        ready.get(service) / cached)).collect(Collectors.joining(", ")))));
        bare.atReady().ifPresent(facts -> results.note("bare app when ready: " + facts.describe()));
        bare.warmedUp().ifPresent(facts -> results.note("bare app after its warm-up: " + facts.describe()));
        for (PlatformService service : PlatformService.ALL) {
            double readyRatio = ready.get(service) / bare.readySeconds();
            results.row("6. Footprint", service.name() + ": time to ready", String.format(Locale.ROOT,
                    "%.2f s (Quarkus: %s s)", ready.get(service), quarkusStart.get(service)),
                    String.format(Locale.ROOT, "%.2f s (Quarkus: %s s)", bare.readySeconds(), bare.startedIn()),
                    times(readyRatio), "≤ 2×", readyRatio <= 2);
            double rssRatio = (double) rss.get(service) / bare.rssKb();
            results.row("6. Footprint", service.name() + ": RSS after warm-up", rss.get(service) / 1024 + " MiB",
                    bare.rssKb() / 1024 + " MiB", times(rssRatio), "≤ 1.5×", rssRatio <= 1.5);
        }
    }

    /** The resident memory of a process in KiB, from /proc; -1 when it is gone. */
    static long rssKb(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The seconds of the last "started in" line of a Quarkus log (a restart appends to it); "?" without one. */
    static String startedIn(Path log) {
        try {
            Matcher matcher = STARTED_IN.matcher(Files.readString(log));
            String last = "?";
            while (matcher.find()) {
                last = matcher.group(1);
            }
            return last;
        } catch (IOException e) {
            return "?";
        }
    }
}
