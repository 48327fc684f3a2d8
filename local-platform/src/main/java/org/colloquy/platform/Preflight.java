package org.colloquy.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the launcher checks before it starts anything: every application's jar is built and every port the platform
 * will listen on is free. Both would otherwise fail half-way through a start, after Kafka and some services are up,
 * with a message about a symptom; here they fail at once and say what to do.
 */
final class Preflight {

    private Preflight() {
    }

    /** Throws {@link StartupFailure} for the first thing that is not ready. */
    static void check(PlatformConfig config) {
        checkJarsBuilt(config);
        checkPortsFree(config);
    }

    static void checkJarsBuilt(PlatformConfig config) {
        List<String> missing = PlatformService.ALL.stream().filter(service -> !Files.exists(config.jar(service)))
                .map(PlatformService::name).toList();
        if (!missing.isEmpty()) {
            throw new StartupFailure("Not built yet: " + missing + ". Run ./mvnw package -DskipTests (or "
                    + "./run-local.sh --build).");
        }
    }

    static void checkPortsFree(PlatformConfig config) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(config.kafkaPort(), "Kafka");
        wanted.put(config.kafkaControllerPort(), "the Kafka controller");
        PlatformService.ALL.forEach(service -> config.instances(service)
                .forEach(instance -> wanted.put(config.port(instance), instance.name())));
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
}
