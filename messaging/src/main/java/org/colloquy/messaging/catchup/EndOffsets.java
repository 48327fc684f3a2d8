package org.colloquy.messaging.catchup;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the broker where topics end (for {@link CatchUp#awaitEnd} and the lag gauge), through an admin client of its
 * own that is created on first use, and remembers the topics' partitions for a while.
 */
final class EndOffsets implements AutoCloseable {

    private final Map<String, Object> kafkaConfig;
    private final String consumer;
    private final Duration partitionsRefresh;
    private final Map<Set<String>, KnownPartitions> knownPartitions = new ConcurrentHashMap<>();
    private volatile Admin admin;

    EndOffsets(Map<String, Object> kafkaConfig, String consumer, Duration partitionsRefresh) {
        this.kafkaConfig = kafkaConfig;
        this.consumer = consumer;
        this.partitionsRefresh = partitionsRefresh;
    }

    /**
     * The end offset (offset of the next record) of every partition of the topics; a missing topic has none.
     * Completes on a Kafka client thread.
     */
    Uni<Map<TopicPartition, Long>> of(Set<String> topics) {
        Admin client = admin();
        return partitions(client, topics).chain(partitions -> {
            if (partitions.isEmpty()) {
                return Uni.createFrom().item(Map.<TopicPartition, Long> of());
            }
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return fromKafka(client.listOffsets(latest).all()).map(offsets -> offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
        });
    }

    /**
     * The topics' partitions, described again only after {@code catch-up.partitions-refresh}: partitions are added
     * rarely (an operator's act), while describing them on every lookup was one broker round trip per write. Missing
     * topics are not remembered, so a topic created later is found on the next lookup.
     */
    private Uni<List<TopicPartition>> partitions(Admin client, Set<String> topics) {
        KnownPartitions known = knownPartitions.get(topics);
        if (known != null && System.nanoTime() - known.describedAt() < partitionsRefresh.toNanos()) {
            return Uni.createFrom().item(known.partitions());
        }
        return fromKafka(client.describeTopics(topics).allTopicNames())
                .map(descriptions -> {
                    List<TopicPartition> partitions = descriptions.values().stream().flatMap(EndOffsets::partitions)
                            .toList();
                    knownPartitions.put(topics, new KnownPartitions(partitions, System.nanoTime()));
                    return partitions;
                })
                .onFailure(UnknownTopicOrPartitionException.class).recoverWithItem(List.of());
    }

    private record KnownPartitions(List<TopicPartition> partitions, long describedAt) {
    }

    private static Stream<TopicPartition> partitions(TopicDescription description) {
        return description.partitions().stream().map(p -> new TopicPartition(description.name(), p.partition()));
    }

    private static <T> Uni<T> fromKafka(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> adminConfig = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            adminConfig.put(key, value);
                        }
                    });
                    adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, consumer + "-catch-up");
                    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
                    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
                    admin = Admin.create(adminConfig);
                }
                client = admin;
            }
        }
        return client;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
