package org.colloquy.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.WrittenPositions;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.messaging.app.NoteService;
import org.colloquy.messaging.catchup.CatchUp;
import org.colloquy.messaging.inbox.DeadLetters;
import org.colloquy.messaging.outbox.OutboxRelay;
import org.colloquy.testing.InjectKafkaBroker;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaBroker;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.PostgresResource;
import org.junit.jupiter.api.Test;

/** The outbox, the inbox and catch-up against the real broker and a real PostgreSQL database. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class MessagingIntegrationTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String PUBLISHED = EventCatalog.of(ArticlePublished.class).type();
    static final String UPDATED = EventCatalog.of(ArticleUpdated.class).type();
    static final String DLQ = Topics.deadLetterTopic("messaging-test");

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    CatchUp catchUp;

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void eventWrittenInATransactionArrivesExactlyOnceAndHasOneEffect() {
        String id = createNote("first words");
        touch(id); // a later event of the same key: once it is read, everything before it has been read

        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.ARTICLE_EVENTS,
                seen -> ofKey(seen, id).stream().anyMatch(r -> type(r).equals(UPDATED)), DEADLINE);

        List<ConsumerRecord<String, String>> published = ofKey(records, id).stream()
                .filter(r -> type(r).equals(PUBLISHED)).toList();
        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> record = published.get(0);
        assertThat(KafkaTestClient.header(record, "ce_specversion")).contains("1.0");
        assertThat(KafkaTestClient.header(record, "ce_source")).contains("urn:colloquy:messaging-test");
        assertThat(KafkaTestClient.header(record, "ce_subject")).contains(id);
        assertThat(KafkaTestClient.header(record, "ce_time")).isPresent();
        assertThat(EventJson.read(record.value(), ArticlePublished.class).title()).isEqualTo("first words");
        assertThat(ofKey(records, id).stream().map(MessagingIntegrationTest::type)).containsExactly(PUBLISHED, UPDATED);

        await().atMost(DEADLINE).until(() -> effects(id) == 2);
        assertThat(effectsTitled(id, "first words")).isEqualTo(1);
    }

    @Test
    void writeIsAnsweredOnlyAfterKafkaAcknowledgedItsEvents() {
        String id = createNote("acknowledged before the answer");

        assertThat(outboxRows(id)).as("outbox rows left after the 201").isZero();
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String id = given().queryParam("text", "never").queryParam("failAtEnd", true)
                .post("/notes").then().statusCode(409).extract().asString();
        touch(id);

        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.ARTICLE_EVENTS,
                seen -> !ofKey(seen, id).isEmpty(), DEADLINE);

        assertThat(ofKey(records, id).stream().map(MessagingIntegrationTest::type)).containsExactly(UPDATED);
        assertThat(outboxRows(id)).isZero();
        assertThat(count("select count(*) from note where id = $1", UUID.fromString(id))).isZero();
    }

    @Test
    void duplicateDeliveryHasOneEffect() {
        String articleId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String data = EventJson.write(NoteService.published(articleId, "delivered twice"));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, eventId, PUBLISHED, data));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, eventId, PUBLISHED, data));
        sendMarker(articleId);

        await().atMost(DEADLINE).until(() -> effectsTitled(articleId, "marker") == 1);
        assertThat(effectsTitled(articleId, "delivered twice")).isEqualTo(1);
        assertThat(count("select duplicates from processed_event where event_id = $1", eventId)).isEqualTo(1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        String articleId = UUID.randomUUID().toString();
        String malformed = UUID.randomUUID().toString();
        String unknownType = UUID.randomUUID().toString();
        String missingField = UUID.randomUUID().toString();
        String handlerFails = UUID.randomUUID().toString();
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, malformed, PUBLISHED, "{not json"));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, unknownType,
                "org.colloquy.article.ArticleRated.v1", "{}"));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, missingField, PUBLISHED,
                "{\"articleId\":\"" + articleId + "\",\"title\":\"no slug\"}"));
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, handlerFails, PUBLISHED,
                EventJson.write(NoteService.published(articleId, "explode"))));
        sendMarker(articleId);

        await().atMost(DEADLINE).until(() -> effectsTitled(articleId, "marker") == 1);
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(DLQ,
                seen -> ofKey(seen, articleId).size() >= 4, DEADLINE);
        List<ConsumerRecord<String, String>> ours = ofKey(dead, articleId);
        assertThat(ours).extracting(r -> KafkaTestClient.header(r, "ce_id").orElseThrow())
                .containsExactly(malformed, unknownType, missingField, handlerFails);
        assertThat(KafkaTestClient.header(ours.get(0), DeadLetters.REASON).orElseThrow()).contains("Cannot read");
        assertThat(KafkaTestClient.header(ours.get(1), DeadLetters.REASON).orElseThrow())
                .contains("Unknown event type");
        assertThat(KafkaTestClient.header(ours.get(2), DeadLetters.REASON).orElseThrow()).contains("slug");
        assertThat(KafkaTestClient.header(ours.get(3), DeadLetters.REASON).orElseThrow()).contains("cannot cope");
        assertThat(KafkaTestClient.header(ours.get(0), DeadLetters.TOPIC)).contains(Topics.ARTICLE_EVENTS);
        assertThat(ours.get(0).value()).isEqualTo("{not json");
        assertThat(effects(articleId)).isEqualTo(1);
    }

    @Test
    void backlogIsAppliedInBatchesWithOneEffectPerEventAndAFailingRecordIsolated() {
        List<String> keys = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, String>> backlog = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String key = keys.get(i % keys.size());
            String title = i == 150 ? "explode" : "backlog " + run + " " + i;
            String eventId = i == 200 ? eventIds.get(20) : UUID.randomUUID().toString(); // 200 repeats 20
            String data = i == 200 ? backlog.get(20).value() : EventJson.write(NoteService.published(key, title));
            eventIds.add(eventId);
            backlog.add(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, i == 200 ? keys.get(20 % keys.size()) : key,
                    eventId, PUBLISHED, data));
        }
        kafka.sendAll(backlog);
        keys.forEach(this::sendMarker);

        await().atMost(DEADLINE).until(() -> keys.stream().allMatch(key -> effectsTitled(key, "marker") == 1));
        assertThat(count("select count(*) from seen_article where title like $1", "backlog " + run + " %"))
                .as("one effect per distinct event, none for the failing one").isEqualTo(298);
        assertThat(count("select duplicates from processed_event where event_id = $1", eventIds.get(20))).isEqualTo(1);
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(DLQ, seen -> seen.stream()
                .anyMatch(r -> eventIds.get(150).equals(KafkaTestClient.header(r, "ce_id").orElse(""))), DEADLINE);
        assertThat(ofKey(dead, keys.get(0))).extracting(r -> KafkaTestClient.header(r, "ce_id").orElseThrow())
                .containsExactly(eventIds.get(150));
        // rows of one transaction share now(): far fewer transactions than events means batches were committed
        long transactions = count("select count(distinct processed_at) from processed_event where event_id = any($1)",
                (Object) eventIds.toArray(String[]::new));
        assertThat(transactions).as("transactions for 299 events").isLessThan(100);
    }

    @Test
    void failingHandlerIsRetriedAndTakesEffectOnce() {
        String articleId = UUID.randomUUID().toString();
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, EventJson.write(NoteService.published(articleId, "flaky"))));
        sendMarker(articleId);

        await().atMost(DEADLINE).until(() -> effectsTitled(articleId, "marker") == 1);
        assertThat(effectsTitled(articleId, "flaky")).isEqualTo(1);
    }

    @Test
    void catchUpWaitsUntilTheConsumerHasProcessedWhatIsInTheTopic() {
        String articleId = UUID.randomUUID().toString();
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, EventJson.write(NoteService.published(articleId, "read your writes"))));

        Boolean caughtUp = catchUp.awaitEnd(Topics.ARTICLE_EVENTS).await().atMost(Duration.ofSeconds(5));

        assertThat(caughtUp).isTrue();
        assertThat(effectsTitled(articleId, "read your writes")).isEqualTo(1); // no await: catch-up did the waiting
    }

    @Test
    void catchUpOnATopicThatDoesNotExistAnswersAtOnce() {
        Boolean caughtUp = catchUp.awaitEnd("no.such.topic").await().atMost(Duration.ofSeconds(5));

        assertThat(caughtUp).isTrue();
    }

    @Test
    void aWriteAnswersWhereKafkaPutItsEvents() {
        var response = writeWithPositions("positioned");
        String id = response.asString();
        String written = response.header(WrittenPositions.HEADER);

        ConsumerRecord<String, String> record = kafka.readUntil(Topics.ARTICLE_EVENTS,
                seen -> !ofKey(seen, id).isEmpty(), DEADLINE).stream().filter(r -> r.key().equals(id)).findFirst()
                .orElseThrow();
        assertThat(written).as("offset of the record after the written one")
                .isEqualTo(Topics.ARTICLE_EVENTS + ":" + record.partition() + ":" + (record.offset() + 1));
        given().post("/notes/{id}/touch", id).then().statusCode(200).header(WrittenPositions.HEADER,
                startsWith(Topics.ARTICLE_EVENTS + ":" + record.partition() + ":"));
    }

    @Test
    void aReadWithTheWritersPositionsSeesTheWriteWithoutAskingTheBroker() {
        long lookups = catchUp.endOffsetLookups();
        for (int round = 0; round < 20; round++) {
            var created = writeWithPositions("mine " + round);

            given().header(WrittenPositions.HEADER, created.header(WrittenPositions.HEADER))
                    .get("/notes/{id}/seen", created.asString()).then().statusCode(200).body(equalTo("mine " + round));
        }
        assertThat(catchUp.endOffsetLookups()).as("end-offset lookups at the broker").isEqualTo(lookups);
    }

    /**
     * A write whose response names its positions. A write answers without them when Kafka did not acknowledge in
     * time (the first sends of a cold producer on a busy machine can take longer than publish-wait, and requests
     * then stop waiting for a while): what is tested here is what the positions do once they are there.
     */
    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> writeWithPositions(
            String text) {
        return await().atMost(DEADLINE).until(() -> given().queryParam("text", text).post("/notes").then()
                .statusCode(201).extract(), response -> response.header(WrittenPositions.HEADER) != null);
    }

    @Test
    void aCallerWhoWroteNothingDoesNotWait() {
        long lookups = catchUp.endOffsetLookups();
        long started = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            given().get("/notes/{id}/seen", UUID.randomUUID()).then().statusCode(404);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("20 reads, none waiting 2 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(catchUp.endOffsetLookups()).isEqualTo(lookups);
    }

    @Test
    void positionsNotYetReachedAreWaitedForAtMostTheTimeout() {
        given().get("/notes/{id}/seen", UUID.randomUUID()).then().statusCode(404); // warm, on a busy machine
        long started = System.nanoTime();
        given().header(WrittenPositions.HEADER, Topics.ARTICLE_EVENTS + ":0:999999999")
                .get("/notes/{id}/seen", UUID.randomUUID()).then().statusCode(404);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1900),
                Duration.ofSeconds(15)); // catch-up.timeout, 2 s
    }

    @Test
    void malformedOrOversizedPositionsAreIgnoredNeverA500() {
        long lookups = catchUp.endOffsetLookups();
        long started = System.nanoTime();
        for (String header : List.of("garbage", Topics.ARTICLE_EVENTS + ":0:-5", Topics.ARTICLE_EVENTS + ":-1:5",
                Topics.ARTICLE_EVENTS + ":0:99999999999999999999", "\u00e4:0:1,;;,::",
                (Topics.ARTICLE_EVENTS + ":0:999999999,").repeat(400), // 10 KB: ignored as a whole, no wait
                (Topics.ARTICLE_EVENTS + ":0:999999999,").repeat(100))) { // over 64 entries: the same
            given().header(WrittenPositions.HEADER, header).get("/notes/{id}/seen", UUID.randomUUID()).then()
                    .statusCode(404);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("7 reads, none waiting 2 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(catchUp.endOffsetLookups()).isEqualTo(lookups);
    }

    @Test
    void aMissWaitsForTheEndOfTheTopicAndTriesOnceMore() {
        String articleId = UUID.randomUUID().toString();
        long lookups = catchUp.endOffsetLookups();
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, EventJson.write(NoteService.published(articleId, "somebody else's write"))));

        given().get("/notes/{id}/seen-or-miss", articleId).then().statusCode(200)
                .body(equalTo("somebody else's write"));
        // a miss (if the consumer was not there yet) costs one lookup, a hit none
        assertThat(catchUp.endOffsetLookups()).isBetween(lookups, lookups + 1);

        long afterMiss = catchUp.endOffsetLookups();
        given().get("/notes/{id}/seen-or-miss", articleId).then().statusCode(200);
        assertThat(catchUp.endOffsetLookups()).as("a hit costs no lookup").isEqualTo(afterMiss);
        given().get("/notes/{id}/seen-or-miss", UUID.randomUUID()).then().statusCode(404);
        assertThat(catchUp.endOffsetLookups()).as("a real miss is tried once more, then answered")
                .isEqualTo(afterMiss + 1);
    }

    @Test
    void rowsLeftWhileTheBrokerIsDownArePublishedWhenItIsBack() {
        assumeTrue(broker.canRestart(), "needs a broker this test run can stop");
        broker.stop();
        String id;
        try {
            long started = System.nanoTime();
            id = createNote("written during the outage");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(outboxRows(id)).isEqualTo(1);

            // After one write waited in vain, writes answer without waiting, and no transaction stays open.
            assertThat(relay.brokerUnresponsive()).isTrue();
            long burst = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                createNote("outage burst " + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - burst)).as("10 writes during the outage")
                    .isLessThan(Duration.ofSeconds(10)); // far from 10 waits of publish-wait (2 s)
            assertThat(count("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and state like 'idle in transaction%'")).isZero();
        } finally {
            broker.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> outboxRows(id) == 0);
        kafka.readUntil(Topics.ARTICLE_EVENTS, seen -> ofKey(seen, id).size() == 1, DEADLINE);
        await().atMost(DEADLINE).until(() -> effectsTitled(id, "written during the outage") == 1);
    }

    private String createNote(String text) {
        return given().queryParam("text", text).post("/notes").then().statusCode(201).extract().asString();
    }

    private void touch(String id) {
        given().post("/notes/{id}/touch", id).then().statusCode(200);
    }

    private void sendMarker(String articleId) {
        kafka.send(KafkaTestClient.cloudEvent(Topics.ARTICLE_EVENTS, articleId, UUID.randomUUID().toString(),
                PUBLISHED, EventJson.write(NoteService.published(articleId, "marker"))));
    }

    private long outboxRows(String key) {
        return count("select count(*) from outbox_event where msg_key = $1", key);
    }

    private long effects(String articleId) {
        return count("select count(*) from seen_article where article_id = $1", articleId);
    }

    private long effectsTitled(String articleId, String title) {
        return count("select count(*) from seen_article where article_id = $1 and title = $2", articleId, title);
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static List<ConsumerRecord<String, String>> ofKey(List<ConsumerRecord<String, String>> records,
            String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }
}
