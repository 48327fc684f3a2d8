package org.colloquy.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformConfig;
import org.colloquy.platform.PlatformService;
import org.colloquy.platform.StartupFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher fails fast with a clear message, and stopping it leaves no process behind. */
class LauncherShutdownIT {

    @Test
    @Timeout(30)
    void aTakenPortIsReportedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            LocalPlatform platform = new LocalPlatform(config(Map.of(PlatformService.COMMENT, taken.getLocalPort()),
                    "jdbc:postgresql://127.0.0.1:5432/postgres"));

            assertThat(catchStartupFailure(platform))
                    .contains("Port " + taken.getLocalPort()).contains("comment-service").contains("is taken");
            assertThat(platform.processes()).isEmpty();
        }
    }

    @Test
    @Timeout(30)
    void anUnreachablePostgresIsReportedWithWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LocalPlatform platform = new LocalPlatform(config(Map.of(),
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres"));

        assertThat(catchStartupFailure(platform)).contains("PostgreSQL is not reachable")
                .contains("COLLOQUY_POSTGRES_URL");
        assertThat(platform.processes()).isEmpty();
    }

    @Test
    void stoppingThePlatformLeavesNoProcessBehind() throws IOException {
        LocalPlatform platform = new LocalPlatform(config(Map.of(), PlatformConfig.local(Path.of(".")).postgresUrl()))
                .start(line -> { });
        List<ProcessHandle> started = platform.processes();
        assertThat(started).hasSize(PlatformService.ALL.size() + 1);

        platform.close();

        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(platform.processes()).isEmpty();
        platform.dropDatabases();
    }

    private static String catchStartupFailure(LocalPlatform platform) {
        try {
            platform.start(line -> { });
            platform.close();
            throw new AssertionError("The platform started although it should not have");
        } catch (StartupFailure expected) {
            return expected.getMessage();
        }
    }

    static PlatformConfig config(Map<PlatformService, Integer> fixedPorts, String postgresUrl) throws IOException {
        Path root = Path.of(System.getProperty("colloquy.root", "..")).toAbsolutePath().normalize();
        Map<PlatformService, Integer> ports = new HashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            ports.put(service, fixedPorts.getOrDefault(service, freePort()));
        }
        return new PlatformConfig(root, Files.createTempDirectory("colloquy-launcher-"), postgresUrl, "postgres", "",
                "colloquy_it_" + UUID.randomUUID().toString().substring(0, 8) + "_", freePort(), freePort(),
                Map.copyOf(ports), Map.of());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
