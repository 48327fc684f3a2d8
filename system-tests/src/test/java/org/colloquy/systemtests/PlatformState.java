package org.colloquy.systemtests;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.colloquy.events.Topics;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformService;

/**
 * What the platform holds, read from outside: each service's database (as its operator could) and the Kafka topics.
 * The fault suite compares it with what the load was told and with itself.
 */
final class PlatformState {

    /** A record as it sits in a topic. */
    record Event(String topic, int partition, long offset, String key, String id, String type, String value) {
    }

    private final LocalPlatform platform;

    PlatformState(LocalPlatform platform) {
        this.platform = platform;
    }

    /** Rows of a query on a service's database, each row as a list of column values. */
    List<List<Object>> query(PlatformService service, String sql, Object... parameters) {
        try (Connection connection = connect(service); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(service.name() + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    long count(PlatformService service, String sql, Object... parameters) {
        return ((Number) query(service, sql, parameters).get(0).get(0)).longValue();
    }

    /** One string per row (columns joined by '|'), to compare tables of different services as sets. */
    Set<String> rowsAsText(PlatformService service, String sql) {
        return query(service, sql).stream()
                .map(row -> row.stream().map(String::valueOf).collect(Collectors.joining("|")))
                .collect(Collectors.toSet());
    }

    /** Runs SQL as the server's superuser on the maintenance database (to cut a service's database off). */
    void onServer(String sql) {
        var config = platform.config();
        try (Connection connection = DriverManager.getConnection(config.postgresUrl(), config.postgresUser(),
                config.postgresPassword()); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    String database(PlatformService service) {
        return platform.config().database(service);
    }

    /** Settled: no outbox row is waiting anywhere and every consumer has processed every record of its topics. */
    boolean settled() {
        for (PlatformService service : PlatformService.BACKENDS) {
            if (count(service, "select count(*) from outbox_event") > 0) {
                return false;
            }
        }
        Map<TopicPartition, Long> ends = endOffsets(Topics.ALL);
        for (Map.Entry<PlatformService, List<String>> consumer : Consumers.TOPICS.entrySet()) {
            Map<String, Long> positions = new HashMap<>();
            query(consumer.getKey(), "select topic, partition, next_offset from consumer_position where consumer = ?",
                    consumer.getKey().name()).forEach(row -> positions.put(row.get(0) + "-" + row.get(1),
                            ((Number) row.get(2)).longValue()));
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (consumer.getValue().contains(end.getKey().topic())
                        && positions.getOrDefault(end.getKey().toString(), 0L) < end.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Deliveries that consumers recognised as already processed and skipped, over all services. */
    long duplicatesSuppressed() {
        return Consumers.TOPICS.keySet().stream()
                .mapToLong(service -> count(service, "select coalesce(sum(duplicates), 0) from processed_event"))
                .sum();
    }

    long deadLetterCount() {
        return endOffsets(PlatformService.BACKENDS.stream().map(s -> Topics.deadLetterTopic(s.name())).toList())
                .values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record of the topics, in partition order. */
    List<Event> read(List<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topics + " to the end within 60 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    events.add(new Event(record.topic(), record.partition(), record.offset(), record.key(),
                            header(record, "ce_id"), header(record, "ce_type"), record.value()));
                }
            }
            return events;
        }
    }

    /** The records of the topics as raw Kafka records, to publish them again unchanged. */
    List<ConsumerRecord<String, String>> readRaw(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, List.of(topic));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer, topics));
        }
    }

    /** When each event was processed by a consumer, by event id. */
    Map<String, Timestamp> processedAt(PlatformService consumer) {
        Map<String, Timestamp> processed = new HashMap<>();
        query(consumer, "select event_id, processed_at from processed_event where consumer = ?", consumer.name())
                .forEach(row -> processed.put((String) row.get(0), (Timestamp) row.get(1)));
        return processed;
    }

    UUID userId(String username) {
        return (UUID) query(PlatformService.USER, "select id from app_user where username = ?", username).get(0)
                .get(0);
    }

    UUID articleId(String slug) {
        return (UUID) query(PlatformService.ARTICLE, "select id from article where slug = ?", slug).get(0).get(0);
    }

    static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
    }

    private Connection connect(PlatformService service) throws SQLException {
        var config = platform.config();
        return DriverManager.getConnection(config.jdbcUrl(config.database(service)), config.postgresUser(),
                config.postgresPassword());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.config().bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(properties);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
