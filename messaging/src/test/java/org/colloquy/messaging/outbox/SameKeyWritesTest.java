package org.colloquy.messaging.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.PostgresResource;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writes of one key: a request's pass leaves its row behind an earlier pending row of the key (another
 * request's pass in flight), and the pass that ends next to such rows has them published at once, not at the
 * sweep's next scheduled run, which this profile puts an hour away.
 */
@QuarkusTest
@TestProfile(SameKeyWritesTest.NoScheduledSweep.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class SameKeyWritesTest {

    public static class NoScheduledSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("colloquy.messaging.outbox.sweep-interval", "1h");
        }
    }

    static final String UPDATED = EventCatalog.of(ArticleUpdated.class).type();
    static final int WRITES = 40;

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Inject
    Pool pool;

    @Test
    void concurrentWritesOfOneKeyAreAllPublishedWithoutWaitingForTheSweep() throws Exception {
        String id = given().queryParam("text", "busy").post("/notes").then().statusCode(201).extract().asString();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                writes.add(CompletableFuture.runAsync(() -> given().post("/notes/{id}/touch", id).then()
                        .statusCode(200), clients));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
        } finally {
            clients.shutdown();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> pool.preparedQuery(
                "select count(*) from outbox_event where msg_key = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely() == 0);
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.ARTICLE_EVENTS,
                seen -> updates(seen, id) == WRITES, Duration.ofSeconds(30));
        assertThat(updates(records, id)).isEqualTo(WRITES);
    }

    private static long updates(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key()))
                .filter(r -> KafkaTestClient.header(r, "ce_type").orElse("").equals(UPDATED)).count();
    }
}
