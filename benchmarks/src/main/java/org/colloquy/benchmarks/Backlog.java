package org.colloquy.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The work a write leaves behind after its response: rows in the services' outboxes that the relays have not sent
 * yet, and records the consumer groups have not committed yet. The benchmark waits for both to reach zero before a
 * scenario that must not see the previous one's work, and to count a write's whole cost.
 */
final class Backlog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final Admin admin;
    private final List<Connection> outboxes = new ArrayList<>();

    /** {@code databases}: the services' databases; those with an {@code outbox_event} table count. */
    Backlog(String bootstrapServers, Databases databases, Collection<String> serviceDatabases) throws SQLException {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        try {
            for (String database : serviceDatabases) {
                Connection connection = databases.connect(database);
                if (Databases.longs(connection, "select count(*) from pg_tables where tablename = 'outbox_event'")[0]
                        > 0) {
                    outboxes.add(connection);
                } else {
                    connection.close();
                }
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Records of {@code topic} that {@code group} has not committed (a partition it never committed counts whole). */
    long lag(String group, String topic) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        return lag(group, partitions);
    }

    /**
     * Records the groups' members have been assigned and not committed yet: every partition a running consumer of
     * the group reads, whether or not it has committed there before.
     */
    long lagOfGroups(Collection<String> groups) throws Exception {
        long lag = 0;
        for (var described : admin.describeConsumerGroups(groups).describedGroups().values()) {
            ConsumerGroupDescription description;
            try {
                description = described.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    continue; // a service that consumes nothing (user-service) has no group
                }
                throw e;
            }
            List<TopicPartition> assigned = new ArrayList<>();
            for (MemberDescription member : description.members()) {
                assigned.addAll(member.assignment().topicPartitions());
            }
            lag += lag(description.groupId(), assigned);
        }
        return lag;
    }

    private long lag(String group, List<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        long lag = 0;
        for (var entry : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata position = committed.get(entry.getKey());
            lag += Math.max(0, entry.getValue().offset() - (position == null ? 0 : position.offset()));
        }
        return lag;
    }

    long outboxRows() {
        long rows = 0;
        for (Connection outbox : outboxes) {
            rows += Databases.longs(outbox, "select count(*) from outbox_event")[0];
        }
        return rows;
    }

    /** Waits until {@code group} has committed every record of {@code topic}; fails after the deadline. */
    void awaitNoLag(String group, String topic, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        long lag;
        while ((lag = lag(group, topic)) > 0) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(group + " still had " + lag + " records of " + topic
                        + " to process after " + deadline.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis()); // polling the group's committed offsets, with a deadline
        }
    }

    /**
     * Waits until every outbox is empty and the groups have committed everything (checked in that order, then both
     * again, since a consumer's effect may write to an outbox); fails after the deadline.
     */
    void awaitEmpty(Collection<String> groups, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            long rows = outboxRows();
            long lag = rows == 0 ? lagOfGroups(groups) : -1;
            if (rows == 0 && lag == 0 && outboxRows() == 0) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("After " + deadline.toSeconds() + " s, still " + rows
                        + " outbox rows" + (lag >= 0 ? " and " + lag + " records not consumed" : ""));
            }
            Thread.sleep(POLL.toMillis()); // polling outboxes and committed offsets, with a deadline
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        for (Connection outbox : outboxes) {
            try {
                outbox.close();
            } catch (SQLException e) {
                System.err.println("Closing a connection: " + e.getMessage());
            }
        }
    }
}
