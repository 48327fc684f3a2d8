package org.colloquy.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Where the platform runs: the project root (for the packaged jars), a data directory, the PostgreSQL server, the
 * database name prefix and every port. {@link #local(Path)} is what {@code ./run-local.sh} uses; the system tests
 * use other ports and a unique prefix so that they never touch a running local platform.
 */
public record PlatformConfig(Path projectRoot, Path dataDir, String postgresUrl, String postgresUser,
        String postgresPassword, String databasePrefix, int kafkaPort, int kafkaControllerPort,
        Map<PlatformService, Integer> ports, Map<String, String> extraProperties, int replicas) {

    static final int GATEWAY_MANAGEMENT_OFFSET = 1000;
    /** Instance {@code i} of a service listens this much × {@code i} above its port: 8081, 8181, 8281, ... */
    public static final int INSTANCE_PORT_STEP = 100;
    /** At most this many instances per service: their ports stay below the gateway's management port (9080). */
    public static final int MAX_REPLICAS = 9;

    public PlatformConfig {
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new StartupFailure("The number of instances per service must be 1 to " + MAX_REPLICAS + ", not "
                    + replicas + ".");
        }
    }

    /** One instance of each application. */
    public PlatformConfig(Path projectRoot, Path dataDir, String postgresUrl, String postgresUser,
            String postgresPassword, String databasePrefix, int kafkaPort, int kafkaControllerPort,
            Map<PlatformService, Integer> ports, Map<String, String> extraProperties) {
        this(projectRoot, dataDir, postgresUrl, postgresUser, postgresPassword, databasePrefix, kafkaPort,
                kafkaControllerPort, ports, extraProperties, 1);
    }

    public static PlatformConfig local(Path projectRoot) {
        Map<PlatformService, Integer> ports = new HashMap<>();
        PlatformService.ALL.forEach(service -> ports.put(service, service.defaultPort()));
        return new PlatformConfig(projectRoot, projectRoot.resolve(".local"),
                env("COLLOQUY_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env("COLLOQUY_POSTGRES_USER", "postgres"), env("COLLOQUY_POSTGRES_PASSWORD", ""), "colloquy_",
                9092, 9093, Map.copyOf(ports), Map.of(), 1);
    }

    public int port(PlatformService service) {
        return ports.get(service);
    }

    public String database(PlatformService service) {
        return databasePrefix + service.database();
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String baseUrl(PlatformService service) {
        return "http://localhost:" + port(service);
    }

    /** The instances of an application: {@link #replicas} of each service, one gateway. */
    public List<ServiceInstance> instances(PlatformService service) {
        int count = service.equals(PlatformService.GATEWAY) ? 1 : replicas;
        return IntStream.range(0, count).mapToObj(index -> new ServiceInstance(service, index)).toList();
    }

    public int port(ServiceInstance instance) {
        return port(instance.service()) + INSTANCE_PORT_STEP * instance.index();
    }

    public int managementPort(ServiceInstance instance) {
        return managementPort(instance.service()) + INSTANCE_PORT_STEP * instance.index();
    }

    public String baseUrl(ServiceInstance instance) {
        return "http://localhost:" + port(instance);
    }

    /** Where an instance answers /q/* ({@link #managementPort(PlatformService)}). */
    public String managementUrl(ServiceInstance instance) {
        return "http://localhost:" + managementPort(instance);
    }

    /**
     * Where an application serves /q/* (health, metrics, OpenAPI): the gateway keeps them off its public port, on a
     * management port 1000 above it (9080 beside 8080); a service serves them on its own port (it listens on this
     * machine only).
     */
    public int managementPort(PlatformService service) {
        return service.equals(PlatformService.GATEWAY) ? port(service) + GATEWAY_MANAGEMENT_OFFSET : port(service);
    }

    public String managementUrl(PlatformService service) {
        return "http://localhost:" + managementPort(service);
    }

    /** The packaged jar an application starts from (Quarkus' {@code quarkus-app} layout, built by Maven). */
    Path jar(PlatformService service) {
        return projectRoot.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The same server as {@link #postgresUrl()}, another database. */
    public String jdbcUrl(String database) {
        String withoutPrefix = postgresUrl.substring("jdbc:postgresql://".length());
        int slash = withoutPrefix.indexOf('/');
        int query = withoutPrefix.indexOf('?');
        String hostPort = slash < 0 ? withoutPrefix : withoutPrefix.substring(0, slash);
        String params = query < 0 ? "" : withoutPrefix.substring(query);
        return "jdbc:postgresql://" + hostPort + "/" + database + params;
    }

    public PlatformConfig withExtraProperties(Map<String, String> properties) {
        return new PlatformConfig(projectRoot, dataDir, postgresUrl, postgresUser, postgresPassword, databasePrefix,
                kafkaPort, kafkaControllerPort, ports, Map.copyOf(properties), replicas);
    }

    public PlatformConfig withReplicas(int instancesPerService) {
        return new PlatformConfig(projectRoot, dataDir, postgresUrl, postgresUser, postgresPassword, databasePrefix,
                kafkaPort, kafkaControllerPort, ports, extraProperties, instancesPerService);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
