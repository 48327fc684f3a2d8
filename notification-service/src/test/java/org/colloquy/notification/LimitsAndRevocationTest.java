package org.colloquy.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.notification.People.as;
import static org.colloquy.notification.People.awaitUnread;
import static org.colloquy.notification.People.register;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.notification.InboxAndStreamTest.EventStream;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** The limits this service enforces, who a notification names, and revoked tokens. */
@QuarkusTest
@NotificationServiceTest
class LimitsAndRevocationTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aNullPreferenceIsRefusedOnItsField() {
        TestUser person = register(kafka, "prefs");
        Map<String, Object> types = new HashMap<>();
        types.put("comment", null);

        as(person).body(Map.of("preferences", Map.of("types", types))).put("/api/notifications/preferences")
                .then().statusCode(422).body("errors.'types.comment'", contains("must be true or false"));
        as(person).get("/api/notifications/preferences").then().statusCode(200)
                .body("preferences.types.comment", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void aUserMayHoldFiveLiveStreamsAndTheSixthIs429() throws Exception {
        TestUser person = register(kafka, "streams");
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(new EventStream(base, person, null));
            }
            HttpResponse<String> sixth = stream(person);
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
            assertThat(sixth.body()).contains("\"stream\":[\"too many live streams (maximum is 5 per user)\"]");

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                HttpResponse<java.io.InputStream> again = HttpClient.newHttpClient().send(request(person),
                        HttpResponse.BodyHandlers.ofInputStream());
                again.body().close();
                return again.statusCode() == 200;
            });
        } finally {
            for (EventStream stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void followingAgainAfterUnfollowingNotifiesOnce() {
        TestUser followee = register(kafka, "followee");
        TestUser fickle = register(kafka, "fickle");
        TestUser steady = register(kafka, "steady");
        TestUser marker = register(kafka, "marker");
        kafka.publish(new UserFollowed(steady.id(), steady.username(), followee.id(), followee.username()));
        kafka.publish(new UserFollowed(fickle.id(), fickle.username(), followee.id(), followee.username()));
        kafka.publish(new UserUnfollowed(fickle.id(), followee.id()));
        kafka.publish(new UserFollowed(fickle.id(), fickle.username(), followee.id(), followee.username()));
        kafka.publish(new UserUnfollowed(fickle.id(), followee.id()));
        kafka.publish(new UserFollowed(fickle.id(), fickle.username(), followee.id(), followee.username()));
        // keyed by the follower like the others, so it is handled after all of them
        kafka.publish(new UserFollowed(fickle.id(), fickle.username(), marker.id(), marker.username()));

        awaitUnread(marker, 1);
        awaitUnread(followee, 2);
        as(followee).get("/api/notifications").then().body("notifications.actor.username",
                org.hamcrest.Matchers.containsInAnyOrder(steady.username(), fickle.username()));
    }

    @Test
    void moderationNotificationsDoNotNameTheModerator() {
        TestUser author = register(kafka, "author");
        TestUser writer = register(kafka, "writer");
        TestUser moderator = register(kafka, "moderator");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(new CommentApproved(70, article.articleId(), writer.id(), moderator.id(), Instant.now()));
        kafka.publish(new CommentRejected(71, article.articleId(), writer.id(), moderator.id(), "Spam",
                Instant.now()));

        awaitUnread(writer, 2);
        as(writer).get("/api/notifications").then().body("notifications.type", contains("moderation", "moderation"))
                .body("notifications.actor", contains(nullValue(), nullValue()))
                .body("notifications.detail", contains("rejected: Spam", "approved"));
    }

    @Test
    void afterSessionsAreRevokedOnlyTokensOfTheNewVersionWork() {
        TestUser person = register(kafka, "revoked");
        String old = person.tokenAtVersion(0);
        inbox(old).then().statusCode(200);

        kafka.publish(new UserSessionsRevoked(person.id(), 1, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> inbox(old).then().statusCode(401)
                .body("errors.token", contains("is invalid or expired")));
        inbox(person.token()).then().statusCode(401);
        inbox(person.tokenAtVersion(1)).then().statusCode(200);
    }

    private static io.restassured.response.Response inbox(String token) {
        return io.restassured.RestAssured.given().header("Authorization", "Token " + token)
                .get("/api/notifications");
    }

    private HttpRequest request(TestUser person) {
        return HttpRequest.newBuilder(base.resolve("/api/notifications/stream"))
                .header("Authorization", "Token " + person.token()).header("Accept", "text/event-stream").build();
    }

    private HttpResponse<String> stream(TestUser person) throws Exception {
        return HttpClient.newHttpClient().send(request(person), HttpResponse.BodyHandlers.ofString());
    }
}
