package org.colloquy.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.comment.Discussion.comment;
import static org.colloquy.comment.Discussion.post;
import static org.colloquy.comment.Discussion.publishedArticle;
import static org.colloquy.comment.Discussion.reply;
import static org.colloquy.comment.Discussion.user;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.colloquy.comment.Discussion.Article;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RealWorld comments API with threads, edits and deletion, on articles known only from events. */
@QuarkusTest
@CommentServiceTest
class CommentApiTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @Test
    void aJustPublishedArticleCanBeCommentedOnAtOnce() {
        TestUser author = user("author");
        TestUser reader = user("reader");
        Article article = publishedArticle(kafka, author);

        // no waiting: the service catches up with article.events before it answers
        as(reader).body(comment("Erster!")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(201)
                .body("comment.id", notNullValue())
                .body("comment.body", equalTo("Erster!"))
                .body("comment.createdAt", notNullValue())
                .body("comment.updatedAt", notNullValue())
                .body("comment.author.username", equalTo(reader.username()))
                .body("comment.author.following", equalTo(false))
                .body("comment.parentId", nullValue())
                .body("comment.status", equalTo("visible"));
    }

    @Test
    void unknownArticleIs404() {
        as(user("lost")).body(comment("Hallo?")).post("/api/articles/{slug}/comments", "gibt-es-nicht")
                .then().statusCode(404).body("errors.article", contains("not found"));
        anonymous().get("/api/articles/{slug}/comments", "gibt-es-nicht").then().statusCode(404);
    }

    @Test
    void discussionIsPublicOldestFirstWithRepliesAndPaging() {
        TestUser author = user("author");
        TestUser anna = user("anna");
        TestUser ben = user("ben");
        Article article = publishedArticle(kafka, author);
        long first = post(anna, article, "Erster Gedanke");
        long answer = ((Number) as(ben).body(reply("Antwort", first)).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).body("comment.parentId", equalTo((int) first))
                .extract().path("comment.id")).longValue();

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().statusCode(200)
                .body("comments.id", contains((int) first, (int) answer))
                .body("comments[1].parentId", equalTo((int) first))
                .body("commentsCount", equalTo(2));
        anonymous().get("/api/articles/{slug}/comments?limit=1&offset=1", article.slug())
                .then().body("comments.id", contains((int) answer)).body("commentsCount", equalTo(2));
        // the count is the rows' when the page is not full, counted when it is full or past the end
        anonymous().get("/api/articles/{slug}/comments?limit=1", article.slug())
                .then().body("comments.id", contains((int) first)).body("commentsCount", equalTo(2));
        anonymous().get("/api/articles/{slug}/comments?limit=2", article.slug())
                .then().body("comments.id", contains((int) first, (int) answer)).body("commentsCount", equalTo(2));
        anonymous().get("/api/articles/{slug}/comments?limit=5&offset=1", article.slug())
                .then().body("comments.id", contains((int) answer)).body("commentsCount", equalTo(2));
        anonymous().get("/api/articles/{slug}/comments?offset=7", article.slug())
                .then().body("comments", empty()).body("commentsCount", equalTo(2));
        anonymous().get("/api/articles/{slug}/comments?limit=501", article.slug()).then().statusCode(422);
    }

    @Test
    void replyMustBelongToTheSameArticle() {
        TestUser author = user("author");
        Article one = publishedArticle(kafka, author);
        Article other = publishedArticle(kafka, author);
        long elsewhere = post(user("x"), other, "Anderswo");

        as(user("y")).body(reply("Falscher Ort", elsewhere)).post("/api/articles/{slug}/comments", one.slug())
                .then().statusCode(422).body("errors.parentId", notNullValue());
    }

    @Test
    void bodiesAreCheckedAndScriptsComeBackInert() {
        TestUser reader = user("writer");
        Article article = publishedArticle(kafka, user("author"));

        as(reader).body(comment(" ")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(422).body("errors.body", contains("can't be blank"));
        as(reader).body(comment("x".repeat(10_001))).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(422).body("errors.body", contains("must be at most 10000 characters"));
        String body = as(reader).body(comment("<script>alert(1)</script>Hallo <b>Welt</b> <img src=x "
                + "onerror=alert(2)> [klick](javascript:alert(3))")).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).extract().path("comment.body");

        assertThat(body).doesNotContain("<").doesNotContain("javascript:").contains("Hallo Welt");
        anonymous().body(comment("anonym")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(401);
    }

    @Test
    void authorEditsWithinTheWindowOnly() {
        TestUser reader = user("editor");
        Article article = publishedArticle(kafka, user("author"));
        long id = post(reader, article, "Tippfeler");

        as(reader).body(comment("Tippfehler")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(200).body("comment.body", equalTo("Tippfehler"));
        as(user("other")).body(comment("Fremd")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(403);
        Discussion.applySettings(Discussion.settings("off", java.util.List.of(), java.util.List.of(), 3, 5, 3, 0));
        as(reader).body(comment("Zu spät")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(403).body("errors.comment", contains("can only be edited within 0 minutes"));
    }

    @Test
    void deletingKeepsTheThreadAndOnlyAuthorOrModeratorMayDelete() {
        TestUser anna = user("anna");
        TestUser ben = user("ben");
        Article article = publishedArticle(kafka, user("author"));
        long parent = post(anna, article, "Ich lösche mich gleich");
        long answer = ((Number) as(ben).body(reply("Antwort bleibt", parent)).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).extract().path("comment.id")).longValue();
        long lonely = post(ben, article, "Allein");

        as(ben).delete("/api/articles/{slug}/comments/{id}", article.slug(), parent).then().statusCode(403);
        as(anna).delete("/api/articles/{slug}/comments/{id}", article.slug(), parent).then().statusCode(204);
        as(user("mod", "moderator")).delete("/api/articles/{slug}/comments/{id}", article.slug(), lonely)
                .then().statusCode(204);

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then()
                .body("comments.id", contains((int) parent, (int) answer))
                .body("comments[0].body", equalTo("[deleted]"))
                .body("comments[0].author.username", equalTo("[deleted]"))
                .body("comments[1].body", equalTo("Antwort bleibt"));
        as(anna).delete("/api/articles/{slug}/comments/{id}", article.slug(), parent).then().statusCode(404);
    }

    @Test
    void commentsDisappearWithTheirArticleAndComeBackWithIt() {
        TestUser author = user("author");
        Article article = publishedArticle(kafka, author);
        post(user("reader"), article, "Bleibt erhalten");

        kafka.publish(new ArticleUnpublished(article.id(), article.slug(), Instant.now()));
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().statusCode(404);
        as(user("late")).body(comment("Zu spät")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(404);

        kafka.publish(new ArticlePublished(article.id(), article.slug(), "Artikel", null, author.id(),
                author.username(), java.util.List.of(), "de", Instant.now()));
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().statusCode(200)
                .body("comments", hasSize(1));
    }

    @Test
    void newSlugsOfAnArticleLeadToTheSameDiscussion() {
        Article article = publishedArticle(kafka, user("author"));
        long id = post(user("reader"), article, "Vor der Umbenennung");

        kafka.publish(new org.colloquy.events.article.ArticleUpdated(article.id(), article.slug() + "-neu",
                article.slug(), "Neuer Titel", null, java.util.List.of(), "de", Instant.now()));

        as(user("viewer")).get("/api/articles/{slug}/comments", article.slug() + "-neu").then().statusCode(200)
                .body("comments.id", contains((int) id));
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().statusCode(200)
                .body("comments.id", not(hasSize(0)));
    }
}
