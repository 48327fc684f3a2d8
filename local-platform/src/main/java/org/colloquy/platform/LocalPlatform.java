package org.colloquy.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Starts the whole platform on this machine without Docker and stops it again: a Kafka broker process, one
 * PostgreSQL database per service (on an existing server), every service and then the gateway from their packaged
 * jars, each started only when the previous stage reports ready. {@code ./run-local.sh} runs {@link #main}; the
 * system tests use the same class, so there is one launcher.
 */
public final class LocalPlatform implements AutoCloseable {

    /**
     * The JVM options of every service and the gateway, in one place for {@code ./run-local.sh}, the system tests and
     * the benchmark; the containers' {@code Dockerfile.jvm} make the same choices (deploy/README.md, "JVM settings",
     * has the measurements and what was tried and left out). The serial collector: on two cores, with live data of
     * 25-30 MiB per service, it costs the least memory (no remembered sets or card tables, which took G1 ~40 MiB per
     * JVM, no concurrent GC threads) and its young collections take milliseconds; G1, the JVM's own pick on a machine
     * with 2 cores and 2 GiB, also grew the heaps far above their live data under load and kept them. 512 MiB is a
     * ceiling, not a size: user-service's Argon2id hashes take 19 MiB each while they run, and a burst of
     * registrations or logins must not exhaust the heap.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m",
            "-XX:+ExitOnOutOfMemoryError");

    private final PlatformConfig config;
    private final KafkaServer kafka;
    private final AotCache aot = AotCache.find();
    private final ServiceDatabases databases;
    private final ServiceProcesses services;

    public LocalPlatform(PlatformConfig config) {
        this.config = config;
        this.kafka = new KafkaServer(config);
        this.databases = new ServiceDatabases(config);
        this.services = new ServiceProcesses(config, aot);
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("colloquy.root", ".")).toAbsolutePath().normalize();
        PlatformConfig config;
        try {
            config = PlatformConfig.local(root).withReplicas(replicas(args));
        } catch (StartupFailure e) {
            System.err.println(e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        LocalPlatform platform = new LocalPlatform(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Colloquy...");
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "colloquy-shutdown"));
        try {
            platform.start(System.out::println);
        } catch (StartupFailure e) {
            System.err.println("\nColloquy could not start: " + e.getMessage());
            System.exit(1);
        }
        platform.printUrls();
        stopped.await();
    }

    static final String USAGE = """
            Usage: ./run-local.sh [--build] [--replicas N]
            Starts Kafka, creates the databases and starts every service and the gateway; Ctrl-C stops all.
            --replicas N: N instances of each service (1 to %d; instance i listens %d × i above the service's port),
            balanced by the gateway.
            Environment: COLLOQUY_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/postgres),
            COLLOQUY_POSTGRES_USER (postgres), COLLOQUY_POSTGRES_PASSWORD (empty),
            COLLOQUY_LOG_FORMAT (text, or json as in production),
            COLLOQUY_JAVA_HOME (a JDK 25+ for the services and their ahead-of-time caches).""".formatted(
            PlatformConfig.MAX_REPLICAS, PlatformConfig.INSTANCE_PORT_STEP);

    /** The instances per service the command line asks for: {@code --replicas N}, else 1. */
    static int replicas(String[] args) {
        if (args.length == 0) {
            return 1;
        }
        if (args.length == 2 && args[0].equals("--replicas")) {
            try {
                return Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                throw new StartupFailure("--replicas takes a number, not '" + args[1] + "'.");
            }
        }
        throw new StartupFailure("Unknown arguments: " + String.join(" ", args));
    }

    /** Starts everything, reporting progress; on failure stops what it started and throws {@link StartupFailure}. */
    public LocalPlatform start(Consumer<String> progress) {
        try {
            Preflight.check(config);
            databases.create().forEach(progress);
            services.useKeys(JwtKeys.in(config.dataDir().resolve("keys")));
            progress.accept("Starting Kafka on " + config.bootstrapServers() + " ...");
            kafka.start();
            kafka.createTopics(PlatformService.BACKENDS.stream().map(PlatformService::name).toList());
            progress.accept(aot.describe());
            services.train(progress);
            progress.accept("Starting " + PlatformService.BACKENDS.stream().map(PlatformService::name).toList()
                    + " ...");
            services.startAll(PlatformService.BACKENDS);
            progress.accept("Starting " + PlatformService.GATEWAY.name() + " ...");
            services.startAll(List.of(PlatformService.GATEWAY));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public PlatformConfig config() {
        return config;
    }

    /** The java executable the services and the gateway run on (Java 25 where there is one, see AotCache). */
    public String applicationJava() {
        return aot.java();
    }

    /** Whether the applications start with ahead-of-time caches (they run on Java 25 or newer). */
    public boolean aheadOfTimeCaches() {
        return aot.enabled();
    }

    /** Every process this platform started and that is still running. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> handles = new ArrayList<>(services.handles());
        if (kafka.process() != null) {
            handles.add(kafka.process().handle());
        }
        return handles.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The running process of one service, if this platform started it and it is still alive. */
    public Optional<ProcessHandle> process(PlatformService service) {
        return services.process(service);
    }

    /** Stops one service gracefully (as {@link #close()} does); the others keep running. */
    public synchronized void stop(PlatformService service) {
        services.stop(service);
    }

    /** SIGKILL: the service gets no chance to finish anything, as when its container is killed. */
    public synchronized void kill(PlatformService service) {
        services.kill(service);
    }

    /** SIGKILL to one instance of a service; the others keep serving. */
    public synchronized void kill(ServiceInstance instance) {
        services.kill(instance);
    }

    /** Starts one instance that was killed again and waits until it is ready. */
    public synchronized void restart(ServiceInstance instance, List<String> jvmArguments) {
        services.restart(instance, jvmArguments);
    }

    /** The running process of one instance, if this platform started it and it is still alive. */
    public Optional<ProcessHandle> process(ServiceInstance instance) {
        return services.process(instance);
    }

    /**
     * Starts a service that was killed or stopped again and waits until it is ready; {@code jvmArguments} go before
     * {@code -jar} (an agent, a system property that overrides the platform's).
     */
    public synchronized void restart(PlatformService service, List<String> jvmArguments) {
        services.restart(service, jvmArguments);
    }

    public synchronized boolean isRunning(PlatformService service) {
        return services.isRunning(service);
    }

    /** SIGKILL to the broker; {@link #restartKafka()} starts it again on its data. */
    public synchronized void killKafka() {
        kafka.kill();
    }

    public synchronized void restartKafka() {
        kafka.start();
    }

    /** Gateway first, so no new requests come in, then the services side by side, then Kafka. */
    @Override
    public synchronized void close() {
        services.stopAll();
        kafka.stop();
    }

    void printUrls() {
        StringBuilder out = new StringBuilder("\nColloquy is up. Press Ctrl-C to stop.\n\n");
        out.append("  API (RealWorld):  ").append(config.baseUrl(PlatformService.GATEWAY)).append("/api\n");
        for (PlatformService service : PlatformService.ALL) {
            for (ServiceInstance instance : config.instances(service)) {
                out.append(String.format("  %-23s %s   (health: %s/q/health/ready, API docs: %s/q/swagger-ui)%n",
                        instance.name() + ":", config.baseUrl(instance), config.managementUrl(instance),
                        config.managementUrl(instance)));
            }
        }
        out.append("  Kafka:                  ").append(config.bootstrapServers()).append('\n');
        out.append("  Logs:                   ").append(config.dataDir().resolve("logs")).append('\n');
        System.out.println(out);
    }

    /** Drops the databases of this platform; for test runs with a unique prefix. */
    public void dropDatabases() {
        databases.drop();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
