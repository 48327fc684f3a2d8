package org.colloquy.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformConfig;
import org.colloquy.platform.PlatformService;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the platform once for all system tests, through the same launcher as {@code ./run-local.sh}, with
 * {@link #replicas()} instances of each service, on free ports, with fresh databases and its own data directory,
 * so a test run never touches a platform a developer is running.
 * It is stopped, and its databases dropped, when the test run ends.
 */
public class RunningPlatform implements BeforeAllCallback {

    /** The username that is an admin from the start on the test platform. */
    public static final String ADMIN = "system-test-admin";

    private static LocalPlatform platform;

    public static synchronized LocalPlatform platform() {
        if (platform == null) {
            throw new IllegalStateException("Annotate the test class with @ExtendWith(RunningPlatform.class)");
        }
        return platform;
    }

    public static String baseUrl(PlatformService service) {
        return platform().config().baseUrl(service);
    }

    /**
     * Instances of each service the test platform runs: {@code -Dcolloquy.it.replicas}, 2 unless given, so that every
     * system test and fault runs against replicas behind the gateway, as on Kubernetes.
     */
    public static int replicas() {
        return Integer.getInteger("colloquy.it.replicas", 2);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningPlatform.class, key -> start(), Stopper.class);
    }

    private static synchronized Stopper start() {
        Path root = Path.of(System.getProperty("colloquy.root", "..")).toAbsolutePath().normalize();
        Path dataDir = createTempDir();
        int replicas = replicas();
        Map<PlatformService, Integer> ports = new HashMap<>();
        PlatformService.ALL.forEach(service -> ports.put(service, freePortWithInstances(replicas)));
        String prefix = "colloquy_it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        PlatformConfig local = PlatformConfig.local(root);
        PlatformConfig config = new PlatformConfig(root, dataDir, local.postgresUrl(), local.postgresUser(),
                local.postgresPassword(), prefix, freePort(), freePort(), Map.copyOf(ports),
                // Smaller pools than in production: the whole platform shares one PostgreSQL server with the build.
                // The tests register hundreds of users from 127.0.0.1; SecurityIT floods from an address of its own.
                Map.of("colloquy.users.initial-admins", ADMIN, "quarkus.datasource.reactive.max-size", "8",
                        "colloquy.users.registration.unthrottled-addresses", "127.0.0.1"))
                .withReplicas(replicas);
        platform = new LocalPlatform(config).start(line -> System.out.println("[platform] " + line));
        Stopper stopper = new Stopper(platform, dataDir);
        try {
            makeInitialAdmin();
        } catch (RuntimeException e) {
            stopper.closeQuietly();
            throw e;
        }
        return stopper;
    }

    /**
     * user-service makes the configured initial admins admins only if their accounts exist when it starts (a name
     * nobody has registered yet must not make whoever registers it first an admin), as an operator would do it:
     * register the account, then restart the service.
     */
    private static void makeInitialAdmin() {
        Client.anonymous().body(Map.of("user", Map.of("username", ADMIN,
                "email", ADMIN + "@example.org", "password", Client.PASSWORD))).post("/api/users")
                .then().statusCode(201);
        platform.stop(PlatformService.USER);
        platform.restart(PlatformService.USER, List.of());
    }

    /** Closed by JUnit when the whole test run ends. */
    record Stopper(LocalPlatform platform, Path dataDir) implements ExtensionContext.Store.CloseableResource {
        void closeQuietly() {
            try {
                close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not stop the test platform cleanly: " + e);
            }
        }

        @Override
        public void close() throws IOException {
            platform.close();
            platform.dropDatabases();
            keepLogs(dataDir, platform.config().databasePrefix());
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The processes' logs outlive the run under target/platform-logs/, for whoever reads a failed build. */
    private static void keepLogs(Path dataDir, String databasePrefix) throws IOException {
        Path target = Path.of("target", "platform-logs", databasePrefix.replaceAll("_$", ""));
        Files.createDirectories(target);
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("colloquy-system-tests-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose instance ports ({@link PlatformConfig#INSTANCE_PORT_STEP} apart) are free too. */
    private static int freePortWithInstances(int instances) {
        while (true) {
            int port = freePort();
            boolean allFree = true;
            for (int i = 1; i < instances && allFree; i++) {
                allFree = isFree(port + PlatformConfig.INSTANCE_PORT_STEP * i);
            }
            if (allFree) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
