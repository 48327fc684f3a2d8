package org.colloquy.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The running services and gateway of one platform: each instance started from its application's packaged jar,
 * awaited until its readiness check answers, stopped gracefully or killed; and the training starts that make their
 * ahead-of-time caches (one per application, on its first instance). It holds the one map of which process runs
 * which instance; {@link LocalPlatform} decides the order and guards the calls that change it.
 */
final class ServiceProcesses {

    /** A start takes seconds on a quiet machine; 150 s were seen on a 2-core machine busy with builds and tests. */
    private static final Duration SERVICE_START = Duration.ofSeconds(300);
    /** Longer than the services' quarkus.shutdown.timeout (20s), so that requests in flight can finish. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final PlatformConfig config;
    private final AotCache aot;
    private final Map<ServiceInstance, ChildProcess> running = new LinkedHashMap<>();
    private ServiceCommand command;

    ServiceProcesses(PlatformConfig config, AotCache aot) {
        this.config = config;
        this.aot = aot;
    }

    /** Before the first start: the token keys every application is pointed at. */
    void useKeys(JwtKeys jwtKeys) {
        command = new ServiceCommand(config, aot, jwtKeys);
    }

    /** Starts every instance of the services side by side and waits until every one of them is ready. */
    void startAll(List<PlatformService> services) {
        List<ServiceInstance> instances = services.stream().flatMap(service -> config.instances(service).stream())
                .toList();
        instances.forEach(instance -> launch(instance, List.of(), false));
        instances.forEach(this::awaitReady);
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
        List<ServiceInstance> backends = untrained.stream().filter(PlatformService.BACKENDS::contains)
                .map(ServiceProcesses::first).toList();
        backends.forEach(instance -> launch(instance, aot.recordOptions(config.jar(instance.service())), false));
        backends.forEach(this::awaitReady);
        if (untrained.contains(PlatformService.GATEWAY)) {
            ServiceInstance gateway = first(PlatformService.GATEWAY);
            launch(gateway, aot.recordOptions(config.jar(PlatformService.GATEWAY)), false);
            awaitReady(gateway);
        }
        Map<PlatformService, ChildProcess> training = new LinkedHashMap<>();
        untrained.forEach(service -> training.put(service, running.remove(first(service))));
        training.entrySet().parallelStream().forEach(entry -> {
            entry.getValue().stop(AotCache.trainingStop());
            Path jar = config.jar(entry.getKey());
            aot.create(entry.getKey().name(), LocalPlatform.JVM_OPTIONS, jar,
                    config.dataDir().resolve("logs").resolve(entry.getKey().name() + "-aot.log"), progress);
        });
    }

    /** Starts every instance of a service that was killed or stopped again (logs continue) and waits for them. */
    void restart(PlatformService service, List<String> jvmArguments) {
        List<ServiceInstance> instances = config.instances(service);
        instances.stream().filter(running::containsKey).findAny().ifPresent(instance -> {
            throw new IllegalStateException(instance.name() + " is still running");
        });
        instances.forEach(instance -> launch(instance, jvmArguments, true));
        instances.forEach(this::awaitReady);
    }

    /** SIGTERM to every instance of the service, and SIGKILL to one that has not stopped within the grace period. */
    void stop(PlatformService service) {
        config.instances(service).stream().map(running::remove).filter(Objects::nonNull).toList()
                .parallelStream().forEach(process -> process.stop(STOP_GRACE));
    }

    void kill(PlatformService service) {
        config.instances(service).forEach(this::kill);
    }

    void kill(ServiceInstance instance) {
        ChildProcess process = running.remove(instance);
        if (process != null) {
            process.kill();
        }
    }

    /** Starts one instance that was killed or stopped again (its log continues) and waits until it is ready. */
    void restart(ServiceInstance instance, List<String> jvmArguments) {
        if (running.containsKey(instance)) {
            throw new IllegalStateException(instance.name() + " is still running");
        }
        launch(instance, jvmArguments, true);
        awaitReady(instance);
    }

    /** Gateway first, so no new requests come in, then the services side by side. */
    void stopAll() {
        stop(PlatformService.GATEWAY);
        running.values().parallelStream().forEach(process -> process.stop(STOP_GRACE));
        running.clear();
    }

    /** Whether every instance of the service runs. */
    boolean isRunning(PlatformService service) {
        return config.instances(service).stream().map(running::get)
                .allMatch(process -> process != null && process.isAlive());
    }

    /** The process of the service's first instance, if it runs. */
    Optional<ProcessHandle> process(PlatformService service) {
        return process(first(service));
    }

    Optional<ProcessHandle> process(ServiceInstance instance) {
        return Optional.ofNullable(running.get(instance)).map(ChildProcess::handle).filter(ProcessHandle::isAlive);
    }

    /** The processes of every application started, alive or not, in the order they were started. */
    List<ProcessHandle> handles() {
        List<ProcessHandle> handles = new ArrayList<>();
        running.values().forEach(process -> handles.add(process.handle()));
        return handles;
    }

    private void launch(ServiceInstance instance, List<String> jvmArguments, boolean again) {
        running.put(instance, ChildProcess.start(instance.name(), command.command(instance, jvmArguments),
                config.projectRoot(), config.dataDir().resolve("logs").resolve(instance.name() + ".log"), again));
    }

    private void awaitReady(ServiceInstance instance) {
        running.get(instance).awaitReady(
                () -> ChildProcess.answers200(config.managementUrl(instance) + "/q/health/ready"), SERVICE_START);
    }

    private static ServiceInstance first(PlatformService service) {
        return new ServiceInstance(service, 0);
    }
}
