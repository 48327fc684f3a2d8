package org.colloquy.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.colloquy.messaging.inbox.ProcessedEventPurge;
import org.colloquy.persistence.Sql;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ProcessedEventPurgeTest {

    private static final String CONSUMER = "purge-test";

    @Inject
    ProcessedEventPurge purge;

    @Inject
    Sql sql;

    @Test
    void rowsOlderThanTheCutOffGoInBatchesAndNewerOnesStay() {
        Instant now = Instant.now();
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(insert(now.minus(Duration.ofDays(40))));
        }
        String recent = insert(now.minus(Duration.ofDays(1)));

        long purged = purge.purgeBefore(now.minus(Duration.ofDays(30))).await().atMost(Duration.ofSeconds(10));

        assertThat(purged).as("purged, in batches of 2").isGreaterThanOrEqualTo(5);
        assertThat(ids()).doesNotContainAnyElementsOf(old).contains(recent);
    }

    private String insert(Instant processedAt) {
        String id = UUID.randomUUID().toString();
        sql.execute("insert into processed_event (consumer, event_id, processed_at) values ($1, $2, $3)", CONSUMER,
                id, processedAt).await().atMost(Duration.ofSeconds(10));
        return id;
    }

    private List<String> ids() {
        return sql.list("select event_id from processed_event where consumer = $1", row -> row.getString(0),
                CONSUMER).await().atMost(Duration.ofSeconds(10));
    }
}
