package org.colloquy.comment;

import static org.colloquy.comment.Discussion.comment;
import static org.colloquy.comment.Discussion.longstanding;
import static org.colloquy.comment.Discussion.post;
import static org.colloquy.comment.Discussion.publishedArticle;
import static org.colloquy.comment.Discussion.settings;
import static org.colloquy.comment.Discussion.user;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every moderation path end to end: word lists, links, reports, pre-moderation, decisions, bans, rate limits. */
@QuarkusTest
@CommentServiceTest
class ModerationTest {

    @InjectKafkaClient

    KafkaTestClient kafka;
    TestUser moderator = user("moderator", "moderator");

    @BeforeEach
    void setUp() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @AfterEach
    void tearDown() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @Test
    void settingsAreForModeratorsAndValidated() {
        as(moderator).get("/api/moderation/settings").then().statusCode(200)
                .body("settings.mode", equalTo("off")).body("settings.maxLinks", equalTo(3));
        as(user("reader")).get("/api/moderation/settings").then().statusCode(403);
        anonymous().get("/api/moderation/settings").then().statusCode(401);
        as(moderator).body(settings("sometimes", List.of(), List.of(), -1, 0, 0, -1))
                .put("/api/moderation/settings").then().statusCode(422)
                .body("errors.mode", notNullValue()).body("errors.maxLinks", notNullValue());
    }

    @Test
    void bannedWordIsRejectedWith422() {
        Discussion.applySettings(settings("off", List.of("Schimpfwort"), List.of(), 3, 5, 3, 900));
        Article article = publishedArticle(kafka, user("author"));

        as(user("rude")).body(comment("Du SCHIMPFWORT!")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(422).body("errors.body", contains("contains a word that is not allowed here"));
    }

    @Test
    void suspectWordHoldsTheCommentUntilAModeratorApprovesIt() {
        Discussion.applySettings(settings("off", List.of(), List.of("Gewinnspiel"), 3, 5, 3, 900));
        TestUser writer = user("writer");
        Article article = publishedArticle(kafka, user("author"));

        long id = ((Number) as(writer).body(comment("Großes Gewinnspiel hier")).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).body("comment.status", equalTo("pending"))
                .extract().path("comment.id")).longValue();

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                not(hasItem((int) id)));
        as(user("other")).get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                not(hasItem((int) id)));
        as(writer).get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id", hasItem((int) id));
        as(moderator).get("/api/articles/{slug}/comments", article.slug()).then()
                .body("comments.id", hasItem((int) id));
        as(moderator).get("/api/moderation/queue?status=pending&limit=100").then().statusCode(200)
                .body("comments.comment.id", hasItem((int) id))
                .body("comments.find { it.comment.id == " + id + " }.heldRule", equalTo("suspect-word"));

        as(moderator).post("/api/moderation/comments/{id}/approve", id).then().statusCode(200)
                .body("comment.status", equalTo("visible"));
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                contains((int) id));
        as(user("reader")).post("/api/moderation/comments/{id}/approve", id).then().statusCode(403);
    }

    @Test
    void tooManyLinksHoldTheComment() {
        Discussion.applySettings(settings("off", List.of(), List.of(), 1, 5, 3, 900));
        Article article = publishedArticle(kafka, user("author"));

        as(user("linker")).body(comment("Siehe https://a.example und https://b.example"))
                .post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(201).body("comment.status", equalTo("pending"));
    }

    @Test
    void firstCommentModeHoldsOnlyAUsersFirstComment() {
        Discussion.applySettings(settings("first-comment", List.of(), List.of(), 3, 5, 3, 900));
        TestUser newcomer = user("newcomer");
        Article article = publishedArticle(kafka, user("author"));

        long first = ((Number) as(newcomer).body(comment("Hallo zusammen")).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).body("comment.status", equalTo("pending"))
                .extract().path("comment.id")).longValue();
        as(moderator).post("/api/moderation/comments/{id}/approve", first).then().statusCode(200);

        as(newcomer).body(comment("Und noch etwas")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(201).body("comment.status", equalTo("visible"));
    }

    @Test
    void preModerationOfAllHoldsEveryComment() {
        Discussion.applySettings(settings("all", List.of(), List.of(), 3, 5, 3, 900));
        Article article = publishedArticle(kafka, user("author"));

        as(user("regular")).body(comment("Ganz harmlos")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(201).body("comment.status", equalTo("pending"));
    }

    @Test
    void enoughReportsHoldAVisibleCommentAndEachReaderReportsOnce() {
        Discussion.applySettings(settings("off", List.of(), List.of(), 3, 5, 2, 900));
        TestUser writer = user("reported");
        Article article = publishedArticle(kafka, user("author"));
        long id = post(writer, article, "Umstrittene Meinung");
        TestUser first = longstanding(kafka, "reporter1");
        Map<String, Object> spam = Map.of("flag", Map.of("reason", "spam", "note", "Werbung"));

        as(first).body(spam).post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id)
                .then().statusCode(201).body("flag.reason", equalTo("spam"));
        as(first).body(spam).post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id)
                .then().statusCode(409);
        as(writer).body(spam).post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id)
                .then().statusCode(422);
        as(user("reporter2")).body(Map.of("flag", Map.of("reason", "nonsense")))
                .post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id).then().statusCode(422);
        as(moderator).get("/api/moderation/queue?status=flagged&limit=100").then()
                .body("comments.comment.id", hasItem((int) id));

        as(longstanding(kafka, "reporter3")).body(Map.of("flag", Map.of("reason", "abuse")))
                .post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id).then().statusCode(201);

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                not(hasItem((int) id)));
        as(moderator).get("/api/moderation/queue?limit=100").then()
                .body("comments.find { it.comment.id == " + id + " }.heldRule", equalTo("reports"));
    }

    @Test
    void rejectedCommentStaysVisibleToItsAuthorOnly() {
        Discussion.applySettings(settings("all", List.of(), List.of(), 3, 5, 3, 900));
        TestUser writer = user("rejected");
        Article article = publishedArticle(kafka, user("author"));
        long id = ((Number) as(writer).body(comment("Wird abgelehnt")).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).extract().path("comment.id")).longValue();

        as(moderator).body(Map.of("reason", "Beleidigend")).post("/api/moderation/comments/{id}/reject", id)
                .then().statusCode(200).body("comment.status", equalTo("rejected"))
                .body("rejectReason", equalTo("Beleidigend"));
        as(moderator).body(Map.of()).post("/api/moderation/comments/{id}/reject", id).then().statusCode(422);

        as(writer).get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                hasItem((int) id));
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                not(hasItem((int) id)));
        as(moderator).get("/api/moderation/queue?status=rejected&limit=100").then()
                .body("comments.comment.id", hasItem((int) id));
    }

    @Test
    void bannedUserCannotWriteComments() {
        TestUser troll = user("troll");
        kafka.publish(new UserRegistered(troll.id(), troll.username(), null, null, Instant.now()));
        Article article = publishedArticle(kafka, user("author"));
        long id = post(troll, article, "Vor dem Bann");

        as(moderator).body(Map.of("ban", Map.of("until", Instant.now().minusSeconds(5).toString())))
                .post("/api/moderation/users/{u}/ban", troll.username()).then().statusCode(422);
        as(moderator).body(Map.of("ban", Map.of("until", Instant.now().plusSeconds(3600).toString(),
                "reason", "Spam"))).post("/api/moderation/users/{u}/ban", troll.username())
                .then().statusCode(200).body("ban.username", equalTo(troll.username()));
        as(moderator).body(Map.of("ban", Map.of())).post("/api/moderation/users/{u}/ban", "nobody-here")
                .then().statusCode(404);

        as(troll).body(comment("Nach dem Bann")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(403).body("errors.comment", contains(org.hamcrest.Matchers.startsWith(
                        "you are banned from commenting until")));
        as(troll).body(comment("Bearbeitet")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(403);
    }

    @Test
    void writingTooFastIs429WithRetryAfter() {
        Discussion.applySettings(settings("off", List.of(), List.of(), 3, 2, 3, 900));
        TestUser fast = user("fast");
        Article article = publishedArticle(kafka, user("author"));
        post(fast, article, "eins");
        post(fast, article, "zwei");

        as(fast).body(comment("drei")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(429).header("Retry-After", notNullValue());
    }
}
