package org.colloquy.comment;

import static org.colloquy.comment.Discussion.comment;
import static org.colloquy.comment.Discussion.post;
import static org.colloquy.comment.Discussion.publishedArticle;
import static org.colloquy.comment.Discussion.settings;
import static org.colloquy.comment.Discussion.user;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.colloquy.comment.Discussion.Article;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every text that travels in an event has a limit, and ten times the limit is a 422 naming it. */
@QuarkusTest
@CommentServiceTest
class FieldLimitsTest {

    @InjectKafkaClient
    KafkaTestClient kafka;
    TestUser moderator = user("moderator", "moderator");

    @AfterEach
    void tearDown() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @Test
    void commentBodiesAndReportNotesAreLimited() {
        TestUser writer = user("long");
        Article article = publishedArticle(kafka, user("author"));
        long id = post(writer, article, "kurz");

        as(writer).body(comment("x".repeat(100_000))).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(422).body("errors.body", contains("must be at most 10000 characters"));
        as(writer).body(comment("x".repeat(100_000))).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(422).body("errors.body", contains("must be at most 10000 characters"));
        as(user("reporter")).body(Map.of("flag", Map.of("reason", "other", "note", "x".repeat(10_000))))
                .post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id)
                .then().statusCode(422).body("errors.note", contains("must be at most 1000 characters"));
    }

    @Test
    void rejectionAndBanReasonsAreLimited() {
        TestUser troll = user("troll");
        kafka.publish(new UserRegistered(troll.id(), troll.username(), null, null, Instant.now()));
        Article article = publishedArticle(kafka, user("author"));
        long id = post(troll, article, "Grenzwertig");

        as(moderator).body(Map.of("reason", "x".repeat(10_000))).post("/api/moderation/comments/{id}/reject", id)
                .then().statusCode(422).body("errors.reason", contains("must be at most 1000 characters"));
        as(moderator).body(Map.of("ban", Map.of("reason", "x".repeat(10_000))))
                .post("/api/moderation/users/{u}/ban", troll.username())
                .then().statusCode(422).body("errors.reason", contains("must be at most 1000 characters"));
        as(moderator).body(Map.of("ban", Map.of("until", "+10000-01-01T00:00:00Z")))
                .post("/api/moderation/users/{u}/ban", troll.username())
                .then().statusCode(422).body("errors.until", contains(startsWith("must be before")));
        as(moderator).body(Map.of("ban", Map.of("reason", "x".repeat(1000))))
                .post("/api/moderation/users/{u}/ban", troll.username()).then().statusCode(200);
    }

    @Test
    void wordsOfTheModerationListsAreLimited() {
        as(moderator).body(settings("off", List.of("x".repeat(1000)), List.of("y".repeat(1000)), 3, 5, 3, 900))
                .put("/api/moderation/settings").then().statusCode(422)
                .body("errors.bannedWords", contains("words must be at most 100 characters"))
                .body("errors.suspectWords", contains("words must be at most 100 characters"));
    }
}
