package org.colloquy.testing;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.colloquy.events.Topics;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for {@code @QuarkusTest}s, found in this order: {@code KAFKA_BOOTSTRAP_SERVERS} if set; else a
 * Testcontainers {@code apache/kafka} container when a Docker engine is reachable; else a single-node KRaft broker
 * inside the test JVM (the same Apache Kafka server code as the standalone broker, no Docker needed).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private KafkaBroker broker;
    private KafkaTestClient client;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            broker = new External(external);
        } else if (Docker.isReachable()) {
            broker = new Container();
        } else {
            broker = new InJvm();
        }
        broker.start();
        client = new KafkaTestClient(broker.bootstrapServers());
        Log.infof("Tests use the Kafka broker at %s (%s)", broker.bootstrapServers(),
                broker.getClass().getSimpleName());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
        testInjector.injectIntoFields(client,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaClient.class, KafkaTestClient.class));
    }

    private record External(String bootstrapServers) implements KafkaBroker {

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public void stop() {
        }

        @Override
        public void start() {
        }
    }

    private static final class Container implements KafkaBroker {
        private final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(Topics.DEFAULT_PARTITIONS));

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public void stop() {
            container.stop();
        }

        @Override
        public void start() {
            container.start();
        }
    }

    /** Restartable: the ports and the data directory are fixed at construction and kept across restarts. */
    private static final class InJvm implements KafkaBroker {
        private final int port = freePort();
        private final int controllerPort = freePort();
        private final Path dataDir = tempDir();
        private final String clusterId = "colloquy-test-" + port;
        private EmbeddedKafkaBroker running;

        @Override
        public String bootstrapServers() {
            return "localhost:" + port;
        }

        @Override
        public boolean canRestart() {
            return true;
        }

        @Override
        public synchronized void start() {
            if (running != null) {
                return;
            }
            running = new EmbeddedKafkaBroker()
                    .withKafkaPort(port)
                    .withControllerPort(controllerPort)
                    .withClusterId(clusterId)
                    .withDeleteLogDirsOnClose(false)
                    .withAdditionalProperties(p -> {
                        p.put("log.dirs", dataDir.toString());
                        p.put("num.partitions", Integer.toString(Topics.DEFAULT_PARTITIONS));
                        p.put("auto.create.topics.enable", "true");
                        p.put("offsets.topic.num.partitions", "3");
                        p.put("group.initial.rebalance.delay.ms", "0");
                    })
                    .start();
        }

        @Override
        public synchronized void stop() {
            if (running != null) {
                running.close();
                running = null;
            }
        }

        private static Path tempDir() {
            try {
                Path dir = Files.createTempDirectory("colloquy-kafka-");
                // kept across the broker's restarts; gone with the test JVM (deleteOnExit leaves a non-empty directory)
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "colloquy-kafka-cleanup"));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not remove " + dir + ": " + e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Testcontainers is only asked when a Docker socket or host is configured, so machines without Docker start fast.
     */
    static final class Docker {
        static boolean isReachable() {
            Path home = Path.of(System.getProperty("user.home"));
            boolean configured = System.getenv("DOCKER_HOST") != null
                    || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(home.resolve(".docker/run/docker.sock"));
            try {
                return configured && DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }

        private Docker() {
        }
    }
}
