package org.colloquy.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.messaging.app.NoteService;
import org.colloquy.persistence.Sql;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A partition the consumer is given starts at the position saved with the effects when Kafka's committed offset is
 * behind it: the records in between were applied, and are not applied again.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class SavedPositionSeekTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String GROUP = "messaging-test";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Sql sql;

    @Test
    void aPartitionGivenToTheConsumerStartsAtItsSavedPositionAndSkipsWhatWasApplied() throws Exception {
        String applied = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            TopicPartition partition;
            // A second member of the service's group takes partitions away from the service while the test writes.
            try (KafkaConsumer<String, String> other = groupMember()) {
                other.subscribe(List.of(Topics.ARTICLE_EVENTS));
                await().atMost(DEADLINE).until(() -> {
                    other.poll(Duration.ofMillis(200));
                    return !other.assignment().isEmpty();
                });
                partition = other.assignment().iterator().next();
                // A record whose effect is in the database with its position, but whose offset Kafka never got.
                long offset = producer.send(record(partition, applied, "applied before the crash")).get().offset();
                sql.execute("""
                        insert into consumer_position (consumer, topic, partition, next_offset)
                        values ($1, $2, $3, $4)
                        on conflict (consumer, topic, partition) do update set next_offset = excluded.next_offset""",
                        GROUP, partition.topic(), partition.partition(), offset + 1).await().atMost(DEADLINE);
            }
            // The other member left: the service is given the partition again.
            producer.send(record(partition, after, "after the saved position")).get();
        }

        await().atMost(DEADLINE).until(() -> seen(after));
        assertThat(seen(applied)).as("the record before the saved position is applied again").isFalse();
    }

    private boolean seen(String articleId) {
        return sql.first("select 1 from seen_article where article_id = $1", row -> true, articleId)
                .await().atMost(DEADLINE) != null;
    }

    private static ProducerRecord<String, String> record(TopicPartition partition, String articleId, String title) {
        ArticlePublished event = NoteService.published(articleId, title);
        ProducerRecord<String, String> record = KafkaTestClient.cloudEvent(partition.topic(), event.key(),
                UUID.randomUUID().toString(), EventCatalog.of(ArticlePublished.class).type(), EventJson.write(event));
        return new ProducerRecord<>(partition.topic(), partition.partition(), record.key(), record.value(),
                record.headers());
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> groupMember() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(),
                new StringDeserializer());
    }
}
