package org.colloquy.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Starts the whole platform on this machine without Docker and stops it again: a Kafka broker process, one
 * PostgreSQL database per service (on an existing server), every service and then the gateway from their packaged
 * jars, each started only when the previous stage reports ready. {@code ./run-local.sh} runs {@link #main}; the
 * system tests use the same class, so there is one launcher.
 */
public final class LocalPlatform implements AutoCloseable {

    /** A start takes seconds on a quiet machine; 150 s were seen on a 2-core machine busy with builds and tests. */
    private static final Duration SERVICE_START = Duration.ofSeconds(300);

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
    /** Longer than the services' quarkus.shutdown.timeout (20s), so that requests in flight can finish. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final PlatformConfig config;
    private final KafkaServer kafka;
    private final AotCache aot = AotCache.find();
    private JwtKeys jwtKeys;
    private final Map<PlatformService, ChildProcess> services = new LinkedHashMap<>();

    public LocalPlatform(PlatformConfig config) {
        this.config = config;
        this.kafka = new KafkaServer(config);
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.out.println("""
                    Usage: ./run-local.sh [--build]
                    Starts Kafka, creates the databases and starts every service and the gateway; Ctrl-C stops all.
                    Environment: COLLOQUY_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/postgres),
                    COLLOQUY_POSTGRES_USER (postgres), COLLOQUY_POSTGRES_PASSWORD (empty),
                    COLLOQUY_LOG_FORMAT (text, or json as in production),
                    COLLOQUY_JAVA_HOME (a JDK 25+ for the services and their ahead-of-time caches).""");
            return;
        }
        Path root = Path.of(System.getProperty("colloquy.root", ".")).toAbsolutePath().normalize();
        LocalPlatform platform = new LocalPlatform(PlatformConfig.local(root));
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

    /** Starts everything, reporting progress; on failure stops what it started and throws {@link StartupFailure}. */
    public LocalPlatform start(Consumer<String> progress) {
        try {
            checkJarsBuilt();
            checkPortsFree();
            createDatabases().forEach(progress);
            jwtKeys = JwtKeys.in(config.dataDir().resolve("keys"));
            progress.accept("Starting Kafka on " + config.bootstrapServers() + " ...");
            kafka.start();
            kafka.createTopics(PlatformService.BACKENDS.stream().map(PlatformService::name).toList());
            progress.accept(aot.describe());
            train(progress);
            progress.accept("Starting " + PlatformService.BACKENDS.stream().map(PlatformService::name).toList()
                    + " ...");
            PlatformService.BACKENDS.forEach(service -> launch(service, List.of(), false));
            PlatformService.BACKENDS.forEach(this::awaitReady);
            progress.accept("Starting " + PlatformService.GATEWAY.name() + " ...");
            launch(PlatformService.GATEWAY, List.of(), false);
            awaitReady(PlatformService.GATEWAY);
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

    /**
     * The training starts for the ahead-of-time caches that are missing or older than their application's jar (after
     * a build): each such application starts recording until it is ready and stops; its cache is made from the record.
     */
    private void train(Consumer<String> progress) {
        List<PlatformService> untrained = PlatformService.ALL.stream()
                .filter(service -> aot.needsTraining(jar(service))).toList();
        if (untrained.isEmpty()) {
            return;
        }
        progress.accept("Training start of " + untrained.stream().map(PlatformService::name).toList()
                + " for their ahead-of-time caches (once per build; about a minute) ...");
        List<PlatformService> backends = untrained.stream().filter(PlatformService.BACKENDS::contains).toList();
        backends.forEach(service -> launch(service, aot.recordOptions(jar(service)), false));
        backends.forEach(this::awaitReady);
        if (untrained.contains(PlatformService.GATEWAY)) {
            launch(PlatformService.GATEWAY, aot.recordOptions(jar(PlatformService.GATEWAY)), false);
            awaitReady(PlatformService.GATEWAY);
        }
        Map<PlatformService, ChildProcess> training = new LinkedHashMap<>();
        untrained.forEach(service -> training.put(service, services.remove(service)));
        training.entrySet().parallelStream().forEach(entry -> {
            entry.getValue().stop(AotCache.trainingStop());
            Path jar = jar(entry.getKey());
            aot.create(entry.getKey().name(), JVM_OPTIONS, jar,
                    config.dataDir().resolve("logs").resolve(entry.getKey().name() + "-aot.log"), progress);
        });
    }

    /** Every process this platform started and that is still running. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> handles = new ArrayList<>();
        services.values().forEach(process -> handles.add(process.handle()));
        if (kafka.process() != null) {
            handles.add(kafka.process().handle());
        }
        return handles.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The running process of one service, if this platform started it and it is still alive. */
    public Optional<ProcessHandle> process(PlatformService service) {
        return Optional.ofNullable(services.get(service)).map(ChildProcess::handle)
                .filter(ProcessHandle::isAlive);
    }

    /** Stops one service gracefully (as {@link #close()} does); the others keep running. */
    public synchronized void stop(PlatformService service) {
        ChildProcess process = services.remove(service);
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** SIGKILL: the service gets no chance to finish anything, as when its container is killed. */
    public synchronized void kill(PlatformService service) {
        ChildProcess process = services.remove(service);
        if (process != null) {
            process.kill();
        }
    }

    /**
     * Starts a service that was killed or stopped again and waits until it is ready; {@code jvmArguments} go before
     * {@code -jar} (an agent, a system property that overrides the platform's).
     */
    public synchronized void restart(PlatformService service, List<String> jvmArguments) {
        if (services.containsKey(service)) {
            throw new IllegalStateException(service.name() + " is still running");
        }
        launch(service, jvmArguments, true);
        awaitReady(service);
    }

    public synchronized boolean isRunning(PlatformService service) {
        ChildProcess process = services.get(service);
        return process != null && process.isAlive();
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
        ChildProcess gateway = services.remove(PlatformService.GATEWAY);
        if (gateway != null) {
            gateway.stop(STOP_GRACE);
        }
        services.values().parallelStream().forEach(process -> process.stop(STOP_GRACE));
        services.clear();
        kafka.stop();
    }

    void printUrls() {
        StringBuilder out = new StringBuilder("\nColloquy is up. Press Ctrl-C to stop.\n\n");
        out.append("  API (RealWorld):  ").append(config.baseUrl(PlatformService.GATEWAY)).append("/api\n");
        for (PlatformService service : PlatformService.ALL) {
            out.append(String.format("  %-21s %s   (health: %s/q/health/ready, API docs: %s/q/swagger-ui)%n",
                    service.name() + ":", config.baseUrl(service), config.managementUrl(service),
                    config.managementUrl(service)));
        }
        out.append("  Kafka:                ").append(config.bootstrapServers()).append('\n');
        out.append("  Logs:                 ").append(config.dataDir().resolve("logs")).append('\n');
        System.out.println(out);
    }

    private void launch(PlatformService service, List<String> jvmArguments, boolean again) {
        List<String> command = new ArrayList<>(List.of(aot.java()));
        command.addAll(JVM_OPTIONS);
        if (jvmArguments.stream().noneMatch(argument -> argument.startsWith("-XX:AOTMode")
                || argument.startsWith("-javaagent"))) { // an agent may change classes the cache holds
            command.addAll(aot.options(jar(service)));
        }
        systemProperties(service).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(jvmArguments); // after the defaults: a later -D wins
        command.addAll(List.of("-jar", jar(service).toString()));
        services.put(service, ChildProcess.start(service.name(), command, config.projectRoot(),
                config.dataDir().resolve("logs").resolve(service.name() + ".log"), again));
    }

    private Map<String, String> systemProperties(PlatformService service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(config.port(service)));
        if (config.managementPort(service) != config.port(service)) {
            properties.put("quarkus.management.port", Integer.toString(config.managementPort(service)));
        }
        properties.put("kafka.bootstrap.servers", config.bootstrapServers());
        properties.put("colloquy.jwt.public-key-location", "file:" + jwtKeys.publicKey().toAbsolutePath());
        if (service.equals(PlatformService.USER)) {
            properties.put("colloquy.jwt.private-key-location", "file:" + jwtKeys.privateKey().toAbsolutePath());
        }
        if (service.hasDatabase()) {
            String jdbcUrl = config.jdbcUrl(config.database(service));
            properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
            properties.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
            properties.put("quarkus.datasource.username", config.postgresUser());
            properties.put("quarkus.datasource.password", config.postgresPassword());
        } else {
            PlatformService.BACKENDS.forEach(backend -> properties.put(
                    "colloquy.gateway.upstreams." + backend.name(), config.baseUrl(backend)));
        }
        properties.put("quarkus.log.console.json.enabled", Boolean.toString(jsonLogs()));
        properties.putAll(config.extraProperties());
        return properties;
    }

    /**
     * {@code COLLOQUY_LOG_FORMAT}: {@code text} (default; this is a developer's launcher, and {@code .local/logs/*.log}
     * are read by people) or {@code json} (one JSON object per line, as in production).
     */
    private static boolean jsonLogs() {
        String format = System.getenv().getOrDefault("COLLOQUY_LOG_FORMAT", "text").trim().toLowerCase();
        return switch (format) {
            case "json" -> true;
            case "text", "" -> false;
            default -> throw new StartupFailure("COLLOQUY_LOG_FORMAT must be json or text, not '" + format + "'.");
        };
    }

    private void awaitReady(PlatformService service) {
        services.get(service).awaitReady(
                () -> ChildProcess.answers200(config.managementUrl(service) + "/q/health/ready"), SERVICE_START);
    }

    private Path jar(PlatformService service) {
        return config.projectRoot().resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void checkJarsBuilt() {
        List<String> missing = PlatformService.ALL.stream().filter(service -> !Files.exists(jar(service)))
                .map(PlatformService::name).toList();
        if (!missing.isEmpty()) {
            throw new StartupFailure("Not built yet: " + missing + ". Run ./mvnw package -DskipTests (or "
                    + "./run-local.sh --build).");
        }
    }

    private void checkPortsFree() {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(config.kafkaPort(), "Kafka");
        wanted.put(config.kafkaControllerPort(), "the Kafka controller");
        PlatformService.ALL.forEach(service -> wanted.put(config.port(service), service.name()));
        PlatformService.ALL.forEach(service -> wanted.putIfAbsent(config.managementPort(service),
                service.name() + "'s management interface"));
        wanted.forEach((port, user) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new StartupFailure("Port " + port + " (for " + user + ") is taken. Stop what listens there "
                        + "(see: ss -ltnp 'sport = :" + port + "') and try again.");
            }
        });
    }

    /** Returns the warnings about the server's settings (see {@link PostgresSettings}). */
    private List<String> createDatabases() {
        try (Connection connection = DriverManager.getConnection(config.postgresUrl(), config.postgresUser(),
                config.postgresPassword())) {
            for (PlatformService service : PlatformService.BACKENDS) {
                String database = config.database(service);
                try (var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    if (!exists.executeQuery().next()) {
                        try (var create = connection.createStatement()) {
                            create.execute("create database " + database);
                        }
                    }
                }
            }
            return PostgresSettings.read(connection).warnings(connectionsNeeded());
        } catch (SQLException e) {
            throw new StartupFailure("PostgreSQL is not reachable at " + config.postgresUrl() + " as "
                    + config.postgresUser() + " (" + e.getMessage() + "). Start it (Debian: pg_ctlcluster 15 main "
                    + "start; not installed: apt-get install postgresql) or point COLLOQUY_POSTGRES_URL, "
                    + "COLLOQUY_POSTGRES_USER and COLLOQUY_POSTGRES_PASSWORD at your server.", e);
        }
    }

    /**
     * What the services' pools may open together: the reactive pool and the JDBC pool (Flyway's, idle after the
     * start) of every service, and notification-service's LISTEN connection.
     */
    int connectionsNeeded() {
        int connections = 1;
        for (PlatformService service : PlatformService.BACKENDS) {
            Properties properties = applicationProperties(service);
            properties.putAll(config.extraProperties());
            connections += Integer.parseInt(properties.getProperty("quarkus.datasource.reactive.max-size", "20"))
                    + Integer.parseInt(properties.getProperty("quarkus.datasource.jdbc.max-size", "20"));
        }
        return connections;
    }

    /** The application.properties packaged into the service's jar (what it runs with, unless overridden). */
    private Properties applicationProperties(PlatformService service) {
        Properties properties = new Properties();
        Path app = jar(service).resolveSibling("app");
        try (var jars = Files.list(app)) {
            for (Path file : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    JarEntry entry = jar.getJarEntry("application.properties");
                    if (entry != null) {
                        try (var in = jar.getInputStream(entry)) {
                            properties.load(in);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StartupFailure("Cannot read the packaged configuration of " + service.name() + " in " + app
                    + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** Drops the databases of this platform; for test runs with a unique prefix. */
    public void dropDatabases() {
        try (Connection connection = DriverManager.getConnection(config.postgresUrl(), config.postgresUser(),
                config.postgresPassword()); var statement = connection.createStatement()) {
            for (PlatformService service : PlatformService.BACKENDS) {
                statement.execute("drop database if exists " + config.database(service) + " with (force)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the test databases: " + e.getMessage(), e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
