package org.colloquy.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.colloquy.events.Topics;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run from Apache
 * Kafka's own jars on the launcher's class path. Its data survives restarts under {@code <dataDir>/kafka}.
 */
final class KafkaServer {

    private final PlatformConfig config;
    private final Path home;
    private ChildProcess process;

    KafkaServer(PlatformConfig config) {
        this.config = config;
        this.home = config.dataDir().resolve("kafka");
    }

    void start() {
        Path properties = writeConfiguration();
        boolean formatted = Files.exists(home.resolve("data").resolve("meta.properties"));
        if (!formatted) {
            format(properties);
        }
        process = ChildProcess.start("kafka", java("kafka.Kafka", properties.toString()), home,
                config.dataDir().resolve("logs").resolve("kafka.log"), formatted);
        process.awaitReady(this::answers, Duration.ofSeconds(90));
    }

    /** Creates the contract's topics and each service's dead-letter topic, unless they exist. */
    void createTopics(List<String> services) {
        List<String> names = new ArrayList<>(Topics.ALL);
        services.forEach(service -> names.add(Topics.deadLetterTopic(service)));
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, Topics.DEFAULT_PARTITIONS, (short) 1)
                            .configs(Topics.config(name))).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            // topics of an earlier start (a data directory kept from before) get today's settings
            Map<ConfigResource, Collection<AlterConfigOp>> settings = new HashMap<>();
            names.stream().filter(existing::contains).forEach(name -> settings.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, name), Topics.config(name).entrySet().stream()
                            .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
                                    AlterConfigOp.OpType.SET)).toList()));
            if (!settings.isEmpty()) {
                admin.incrementalAlterConfigs(settings).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupFailure("Cannot create the Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("Interrupted while creating topics");
        }
    }

    void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    ChildProcess process() {
        return process;
    }

    private boolean answers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    private void format(Path properties) {
        ChildProcess formatter = ChildProcess.start("kafka-storage-format",
                java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                        properties.toString()),
                home, config.dataDir().resolve("logs").resolve("kafka-format.log"));
        formatter.awaitReady(() -> !formatter.isAlive(), Duration.ofSeconds(60));
        if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
            throw new StartupFailure("Formatting the Kafka storage failed.\n" + formatter.tail());
        }
    }

    private Path writeConfiguration() {
        String server = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=%4$d
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(config.kafkaPort(), config.kafkaControllerPort(), home.resolve("data"),
                Topics.DEFAULT_PARTITIONS);
        String log4j = """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
                rootLogger.level = info
                rootLogger.appenderRef.out.ref = out
                logger.kafka.name = kafka
                logger.kafka.level = warn
                logger.apache.name = org.apache.kafka
                logger.apache.level = warn
                logger.started.name = kafka.server.KafkaRaftServer
                logger.started.level = info
                """;
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("log4j2.properties"), log4j);
            return Files.writeString(home.resolve("server.properties"), server);
        } catch (IOException e) {
            throw new StartupFailure("Cannot write the Kafka configuration under " + home + ": " + e.getMessage(), e);
        }
    }

    /** The launcher's own class path (it holds Kafka's jars), absolute since the broker runs in its home. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(LocalPlatform.javaExecutable(), "-Xms128m", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"),
                "-cp", absoluteClassPath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
