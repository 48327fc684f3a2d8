package org.colloquy.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Kafka's own tools, run against the platform's broker: the baselines of the event scenarios. */
final class KafkaTools {

    /** Latencies of EndToEndLatency, in milliseconds. */
    record EndToEnd(double p50, double p99, double p999, double average) {
    }

    private static final Pattern PERCENTILES = Pattern.compile(
            "Percentiles: 50th = ([0-9.]+), 99th = ([0-9.]+), 99.9th = ([0-9.]+)");
    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");

    private final String bootstrapServers;
    private final Path workDir;

    KafkaTools(String bootstrapServers, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
    }

    /**
     * {@code org.apache.kafka.tools.EndToEndLatency}: produce one record, wait until a consumer has it, repeat; on its
     * own one-partition topic of the same broker, acks=all like the services' producers.
     */
    EndToEnd endToEndLatency(String topic, int messages, int messageBytes) {
        createTopic(topic, 1);
        String output = Processes.run(Processes.java("org.apache.kafka.tools.EndToEndLatency", bootstrapServers,
                topic, Integer.toString(messages), "all", Integer.toString(messageBytes)), workDir,
                Duration.ofMinutes(5));
        Matcher percentiles = PERCENTILES.matcher(output);
        Matcher average = AVERAGE.matcher(output);
        if (!percentiles.find() || !average.find()) {
            throw new IllegalStateException("Unexpected EndToEndLatency output:\n" + output);
        }
        return new EndToEnd(Double.parseDouble(percentiles.group(1)), Double.parseDouble(percentiles.group(2)),
                Double.parseDouble(percentiles.group(3)), Double.parseDouble(average.group(1)));
    }

    /**
     * {@code org.apache.kafka.tools.ConsumerPerformance} reading {@code messages} records of the topic from its
     * start with a fresh group; returns records per second while fetching (fetch.nMsg.sec, group join left out).
     */
    double consumerPerformance(String topic, long messages) {
        String output = Processes.run(Processes.java("org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", bootstrapServers, "--topic", topic, "--messages", Long.toString(messages),
                "--group", "bench-consumer-performance-" + System.nanoTime(), "--timeout", "30000"), workDir,
                Duration.ofMinutes(5));
        List<String> lines = output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = List.of(lines.get(i).split(",\\s*"));
                String[] values = lines.get(i + 1).split(",\\s*");
                return Double.parseDouble(values[header.indexOf("fetch.nMsg.sec")]);
            }
        }
        throw new IllegalStateException("Unexpected ConsumerPerformance output:\n" + output);
    }

    void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30,
                        TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
