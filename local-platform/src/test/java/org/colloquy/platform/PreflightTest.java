package org.colloquy.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path root;

    @Test
    void missingJarsAreNamedWithTheBuildCommand() throws IOException {
        Files.createDirectories(root.resolve("user-service/target/quarkus-app"));
        Files.writeString(root.resolve("user-service/target/quarkus-app/quarkus-run.jar"), "jar");

        assertThatThrownBy(() -> Preflight.checkJarsBuilt(config(Map.of())))
                .isInstanceOf(StartupFailure.class)
                .hasMessageStartingWith("Not built yet: [article-service, comment-service, notification-service, "
                        + "api-gateway].")
                .hasMessageContaining("./mvnw package -DskipTests");
    }

    @Test
    void aTakenPortIsNamedWithItsUserAndHowToFindWhatListens() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Preflight.checkPortsFree(config(Map.of(PlatformService.COMMENT, port))))
                    .isInstanceOf(StartupFailure.class)
                    .hasMessage("Port " + port + " (for comment-service) is taken. Stop what listens there (see: "
                            + "ss -ltnp 'sport = :" + port + "') and try again.");
        }
    }

    @Test
    void freePortsPass() {
        assertThatCode(() -> Preflight.checkPortsFree(config(Map.of()))).doesNotThrowAnyException();
    }

    /** Ports the OS just handed out and took back: free, unless something grabs one in between. */
    private PlatformConfig config(Map<PlatformService, Integer> fixed) throws IOException {
        Map<PlatformService, Integer> ports = new HashMap<>(fixed);
        for (PlatformService service : PlatformService.ALL) {
            ports.putIfAbsent(service, freePort());
        }
        return new PlatformConfig(root, root.resolve(".local"), "jdbc:postgresql://127.0.0.1:5432/postgres",
                "postgres", "", "colloquy_test_", freePort(), freePort(), ports, Map.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
