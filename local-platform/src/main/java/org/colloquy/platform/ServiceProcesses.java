package org.colloquy.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The running services and gateway of one platform: each started from its packaged jar, awaited until its readiness
 * check answers, stopped gracefully or killed; and the training starts that make their ahead-of-time caches. It
 * holds the one map of which process runs which application; {@link LocalPlatform} decides the order and guards
 * the calls that change it.
 */
final class ServiceProcesses {

    /** A start takes seconds on a quiet machine; 150 s were seen on a 2-core machine busy with builds and tests. */
    private static final Duration SERVICE_START = Duration.ofSeconds(300);
    /** Longer than the services' quarkus.shutdown.timeout (20s), so that requests in flight can finish. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final PlatformConfig config;
    private final AotCache aot;
    private final Map<PlatformService, ChildProcess> running = new LinkedHashMap<>();
    private ServiceCommand command;

    ServiceProcesses(PlatformConfig config, AotCache aot) {
        this.config = config;
        this.aot = aot;
    }

    /** Before the first start: the token keys every application is pointed at. */
    void useKeys(JwtKeys jwtKeys) {
        command = new ServiceCommand(config, aot, jwtKeys);
    }

    /** Starts the services side by side and waits until every one of them is ready. */
    void startAll(List<PlatformService> services) {
        services.forEach(service -> launch(service, List.of(), false));
        services.forEach(this::awaitReady);
    }

    /**
     * The training starts for the ahead-of-time caches that are missing or older than their application's jar (after
     * a build): each such application starts recording until it is ready and stops; its cache is made from the record.
     */
    void train(Consumer<String> progress) {
        List<PlatformService> untrained = PlatformService.ALL.stream()
                .filter(service -> aot.needsTraining(config.jar(service))).toList();
        if (untrained.isEmpty()) {
            return;
        }
        progress.accept("Training start of " + untrained.stream().map(PlatformService::name).toList()
                + " for their ahead-of-time caches (once per build; about a minute) ...");
        List<PlatformService> backends = untrained.stream().filter(PlatformService.BACKENDS::contains).toList();
        backends.forEach(service -> launch(service, aot.recordOptions(config.jar(service)), false));
        backends.forEach(this::awaitReady);
        if (untrained.contains(PlatformService.GATEWAY)) {
            launch(PlatformService.GATEWAY, aot.recordOptions(config.jar(PlatformService.GATEWAY)), false);
            awaitReady(PlatformService.GATEWAY);
        }
        Map<PlatformService, ChildProcess> training = new LinkedHashMap<>();
        untrained.forEach(service -> training.put(service, running.remove(service)));
        training.entrySet().parallelStream().forEach(entry -> {
            entry.getValue().stop(AotCache.trainingStop());
            Path jar = config.jar(entry.getKey());
            aot.create(entry.getKey().name(), LocalPlatform.JVM_OPTIONS, jar,
                    config.dataDir().resolve("logs").resolve(entry.getKey().name() + "-aot.log"), progress);
        });
    }

    /** Starts a service that was killed or stopped again (its log continues) and waits until it is ready. */
    void restart(PlatformService service, List<String> jvmArguments) {
        if (running.containsKey(service)) {
            throw new IllegalStateException(service.name() + " is still running");
        }
        launch(service, jvmArguments, true);
        awaitReady(service);
    }

    /** SIGTERM, and SIGKILL if it has not stopped within the grace period. */
    void stop(PlatformService service) {
        ChildProcess process = running.remove(service);
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    void kill(PlatformService service) {
        ChildProcess process = running.remove(service);
        if (process != null) {
            process.kill();
        }
    }

    /** Gateway first, so no new requests come in, then the services side by side. */
    void stopAll() {
        stop(PlatformService.GATEWAY);
        running.values().parallelStream().forEach(process -> process.stop(STOP_GRACE));
        running.clear();
    }

    boolean isRunning(PlatformService service) {
        ChildProcess process = running.get(service);
        return process != null && process.isAlive();
    }

    Optional<ProcessHandle> process(PlatformService service) {
        return Optional.ofNullable(running.get(service)).map(ChildProcess::handle).filter(ProcessHandle::isAlive);
    }

    /** The processes of every application started, alive or not, in the order they were started. */
    List<ProcessHandle> handles() {
        List<ProcessHandle> handles = new ArrayList<>();
        running.values().forEach(process -> handles.add(process.handle()));
        return handles;
    }

    private void launch(PlatformService service, List<String> jvmArguments, boolean again) {
        running.put(service, ChildProcess.start(service.name(), command.command(service, jvmArguments),
                config.projectRoot(), config.dataDir().resolve("logs").resolve(service.name() + ".log"), again));
    }

    private void awaitReady(PlatformService service) {
        running.get(service).awaitReady(
                () -> ChildProcess.answers200(config.managementUrl(service) + "/q/health/ready"), SERVICE_START);
    }
}
