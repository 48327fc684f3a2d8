package org.colloquy.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.notification.People.as;
import static org.colloquy.notification.People.awaitUnread;
import static org.colloquy.notification.People.comment;
import static org.colloquy.notification.People.register;
import static org.colloquy.notification.People.unread;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.messaging.catchup.CatchUp;
import org.colloquy.notification.service.Retention;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** Reading the inbox (pages, unread, ownership), the live stream with replay, retention and large fan-out. */
@QuarkusTest
@NotificationServiceTest
class InboxAndStreamTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Inject
    Retention retention;

    @Inject
    CatchUp catchUp;

    @Test
    void inboxPagesWithACursorAndMarksReadForItsOwnerOnly() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        for (long id = 1; id <= 5; id++) {
            kafka.publish(comment(article, 100 + id, reader, null, null, "Kommentar " + id, List.of()));
        }
        awaitUnread(author, 5);

        String cursor = as(author).get("/api/notifications?limit=2").then().statusCode(200)
                .body("notifications.comment.id", contains(105, 104)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        String last = as(author).get("/api/notifications?limit=2&cursor=" + cursor).then()
                .body("notifications.comment.id", contains(103, 102)).extract().path("nextCursor");
        as(author).get("/api/notifications?limit=2&cursor=" + last).then()
                .body("notifications.comment.id", contains(101)).body("nextCursor", nullValue());

        int id = as(author).get("/api/notifications?limit=1").then().extract().path("notifications[0].id");
        as(reader).post("/api/notifications/{id}/read", id).then().statusCode(404);
        as(author).post("/api/notifications/{id}/read", id).then().statusCode(200)
                .body("notification.readAt", notNullValue());
        assertThat(unread(author)).isEqualTo(4);
        as(author).get("/api/notifications?unread=true").then().body("notifications", hasSize(4));
        as(author).post("/api/notifications/read-all").then().statusCode(200).body("count", equalTo(4));
        assertThat(unread(author)).isZero();
        as(author).get("/api/notifications?cursor=abc").then().statusCode(422);
        People.as(new TestUser(UUID.randomUUID().toString(), "x", "not-a-token")).get("/api/notifications")
                .then().statusCode(401);
    }

    @Test
    void streamDeliversLiveAndReplaysAfterLastEventId() throws Exception {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(comment(article, 200, reader, null, null, "Vor der Verbindung", List.of()));
        awaitUnread(author, 1);
        long firstId = ((Number) as(author).get("/api/notifications").then().extract()
                .path("notifications[0].id")).longValue();

        try (EventStream stream = new EventStream(base, author, null)) {
            kafka.publish(comment(article, 201, reader, null, null, "Live", List.of()));
            String data = stream.nextData(Duration.ofSeconds(10));
            assertThat(data).contains("\"excerpt\":\"Live\"");
        }
        try (EventStream replay = new EventStream(base, author, Long.toString(firstId))) {
            assertThat(replay.nextData(Duration.ofSeconds(10))).contains("\"excerpt\":\"Live\"");
        }
    }

    /**
     * The replier registered and the article was published just before the reply, but those events come on other
     * topics than the comment: the comment must not be pushed before the replicas know its author and article. The
     * test holds the replicas' writers at a table lock until the comment's handler is seen waiting for them.
     */
    @Test
    void aCommentIsPushedOnlyOnceItsAuthorAndArticleAreKnown() throws Exception {
        TestUser author = register(kafka, "author");
        ArticlePublished article = People.article(author);
        SqlConnection lock = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try (EventStream stream = new EventStream(base, author, null)) {
            lock.query("begin").execute().await().atMost(Duration.ofSeconds(10));
            lock.query("lock table author, article_replica in exclusive mode").execute()
                    .await().atMost(Duration.ofSeconds(10));
            long lookupsBefore = catchUp.endOffsetLookups();
            TestUser replier = register(kafka, "replier");
            kafka.publish(article);
            kafka.publish(comment(article, 300, replier, null, null, "Gleich nach der Anmeldung", List.of()));

            // the comment was handled (it waits for the other topics, or, wrongly, was pushed already) while the
            // article's event is held at the lock
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> (catchUp.endOffsetLookups() > lookupsBefore || stream.hasData())
                            && replicaWriterWaits("article_replica"));
            lock.query("commit").execute().await().atMost(Duration.ofSeconds(10));

            String data = stream.nextData(Duration.ofSeconds(10));
            assertThat(data).contains("\"excerpt\":\"Gleich nach der Anmeldung\"")
                    .contains("\"title\":\"" + article.title() + "\"")
                    .contains("\"username\":\"" + replier.username() + "\"")
                    .contains("https://example.org/" + replier.username() + ".png");
        } finally {
            lock.query("rollback").execute().await().atMost(Duration.ofSeconds(10));
            lock.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    /** Whether a consumer's write to the table waits for a lock. */
    private boolean replicaWriterWaits(String table) {
        return pool.preparedQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and pid <> pg_backend_pid() and query like 'insert into ' || $1 || '%'").execute(Tuple.of(table))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) > 0;
    }

    @Test
    void readNotificationsPastRetentionArePurgedAndUnreadOnesKept() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(comment(article, 300, reader, null, null, "Alt und gelesen", List.of()));
        kafka.publish(comment(article, 301, reader, null, null, "Alt und ungelesen", List.of()));
        awaitUnread(author, 2);
        int readId = as(author).get("/api/notifications").then().extract().path("notifications[1].id");
        as(author).post("/api/notifications/{id}/read", readId).then().statusCode(200);
        pool.preparedQuery("update notification set created_at = now() - interval '90 days', read_at = case when "
                + "read_at is null then null else now() - interval '60 days' end where recipient_id = $1")
                .execute(Tuple.of(UUID.fromString(author.id()))).await().atMost(Duration.ofSeconds(10));

        assertThat(retention.purgeNow().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);

        as(author).get("/api/notifications").then().body("notifications.comment.id", contains(301));
    }

    @Test
    void tenThousandFollowersAreNotifiedInOneBatchWithoutHoldingUpOtherEvents() {
        TestUser author = register(kafka, "star");
        TestUser fan = register(kafka, "fan");
        pool.preparedQuery("insert into author_follow (followee_id, follower_id) select $1, gen_random_uuid() "
                + "from generate_series(1, 10000)").execute(Tuple.of(UUID.fromString(author.id())))
                .await().atMost(Duration.ofSeconds(30));
        kafka.publish(new UserFollowed(fan.id(), fan.username(), author.id(), author.username()));
        awaitUnread(author, 1);

        kafka.publish(People.article(author));
        TestUser other = register(kafka, "other");
        kafka.publish(new UserFollowed(fan.id(), fan.username(), other.id(), other.username()));

        awaitUnread(fan, 1);
        awaitUnread(other, 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("select count(*) from notification where type = 'article' and actor_id = $1")
                .execute(Tuple.of(UUID.fromString(author.id()))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0) == 10_001);
    }

    @Test
    void deliveriesAreCountedPerChannelAtMetrics() throws Exception {
        TestUser author = register(kafka, "counted");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        double inbox = delivered("inbox");
        double live = delivered("live");

        try (EventStream stream = new EventStream(base, author, null)) {
            String eventId = kafka.publish(comment(article, 400, reader, null, null, "Gezählt", List.of()));
            assertThat(stream.nextData(Duration.ofSeconds(10))).contains("Gezählt");
            kafka.publish(comment(article, 400, reader, null, null, "Gezählt", List.of()), eventId); // redelivery
            kafka.publish(comment(article, 401, reader, null, null, "Marker", List.of()));
            assertThat(stream.nextData(Duration.ofSeconds(10))).contains("Marker");
        }

        // counted right after the commit, which is also when the stream hears of it: so wait, then check exactly
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> delivered("inbox") >= inbox + 2 && delivered("live") >= live + 2);
        assertThat(delivered("inbox")).as("the redelivery notified no one").isEqualTo(inbox + 2);
        assertThat(delivered("live")).isEqualTo(live + 2);
    }

    private static double delivered(String channel) {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        java.util.regex.Matcher sample = java.util.regex.Pattern.compile("(?m)^colloquy_notifications_delivered_total"
                + "\\{[^}]*channel=\"" + channel + "\"[^}]*} (\\S+)").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    /** A client of the SSE stream, reading lines on a thread of its own. */
    static final class EventStream implements AutoCloseable {
        private final BlockingQueue<String> data = new ArrayBlockingQueue<>(100);
        private final Thread reader;
        private final HttpResponse<java.io.InputStream> response;

        EventStream(URI base, TestUser person, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/notifications/stream"))
                    .header("Authorization", "Token " + person.token()).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            data.offer(line.substring(5).trim());
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        boolean hasData() {
            return !data.isEmpty();
        }

        String nextData(Duration timeout) throws InterruptedException {
            String next = data.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("an event within " + timeout).isNotNull();
            return next;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
            reader.interrupt();
        }
    }
}
