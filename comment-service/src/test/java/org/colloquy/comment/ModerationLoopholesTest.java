package org.colloquy.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.comment.Discussion.comment;
import static org.colloquy.comment.Discussion.events;
import static org.colloquy.comment.Discussion.longstanding;
import static org.colloquy.comment.Discussion.post;
import static org.colloquy.comment.Discussion.publishedArticle;
import static org.colloquy.comment.Discussion.registered;
import static org.colloquy.comment.Discussion.settings;
import static org.colloquy.comment.Discussion.type;
import static org.colloquy.comment.Discussion.user;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.comment.Discussion.Article;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.comment.CommentEdited;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ways around moderation that once worked: editing past the rules, and reports from brand-new accounts. */
@QuarkusTest
@CommentServiceTest
class ModerationLoopholesTest {

    private static final String FIVE_LINKS = "Schaut hier: https://a.example https://b.example https://c.example "
            + "https://d.example https://e.example";

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
    void editingAVisibleCommentToAddLinksHoldsItAsPostingWould() {
        TestUser writer = user("editor");
        Article article = publishedArticle(kafka, user("author"));
        as(user("poster")).body(comment(FIVE_LINKS)).post("/api/articles/{slug}/comments",
                publishedArticle(kafka, user("author")).slug()).then().statusCode(201)
                .body("comment.status", equalTo("pending"));
        long id = post(writer, article, "Ganz harmlos");

        as(writer).body(comment(FIVE_LINKS)).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(200).body("comment.status", equalTo("pending"));

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                not(hasItem((int) id)));
        as(moderator).get("/api/moderation/queue?status=pending&limit=100").then()
                .body("comments.find { it.comment.id == " + id + " }.heldRule", equalTo("links"));
        List<ConsumerRecord<String, String>> held = events(kafka, Topics.MODERATION_EVENTS, article.id(),
                CommentHeldForReview.class);
        assertThat(held).extracting(Discussion::type).containsExactly(type(CommentHeldForReview.class));
        CommentHeldForReview hold = EventJson.read(held.get(0).value(), CommentHeldForReview.class);
        assertThat(hold.commentId()).isEqualTo(id);
        assertThat(hold.rule()).isEqualTo("links");
        List<ConsumerRecord<String, String>> announced = events(kafka, Topics.COMMENT_EVENTS, article.id(),
                CommentEdited.class);
        assertThat(announced).extracting(Discussion::type).containsExactly(type(CommentPosted.class),
                type(CommentEdited.class));
        assertThat(EventJson.read(announced.get(1).value(), CommentEdited.class).excerpt())
                .as("the unreviewed text is not announced").isNull();

        as(moderator).post("/api/moderation/comments/{id}/approve", id).then().statusCode(200)
                .body("comment.status", equalTo("visible"));
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                contains((int) id));
    }

    @Test
    void editingToASuspectWordHoldsAndHeldCommentsStayHeld() {
        Discussion.applySettings(settings("off", List.of(), List.of("Gewinnspiel"), 3, 5, 3, 900));
        TestUser writer = user("editor");
        Article article = publishedArticle(kafka, user("author"));
        long id = post(writer, article, "Ganz harmlos");

        as(writer).body(comment("Großes Gewinnspiel")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(200).body("comment.status", equalTo("pending"));
        as(writer).body(comment("Wieder harmlos")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(200).body("comment.status", equalTo("pending"))
                .body("comment.body", equalTo("Wieder harmlos"));
        as(moderator).get("/api/moderation/queue?status=pending&limit=100").then()
                .body("comments.find { it.comment.id == " + id + " }.heldRule", equalTo("suspect-word"));
    }

    @Test
    void aBodyWithNoTextOnceMarkupIsRemovedIsRefusedWhenPostedAndWhenEdited() {
        TestUser writer = user("editor");
        Article article = publishedArticle(kafka, user("author"));
        long id = post(writer, article, "Ganz harmlos");

        as(writer).body(comment("<b></b>")).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(422).body("errors.body", contains("has no text once HTML is removed"));
        as(writer).body(comment("<b></b>")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(422).body("errors.body", contains("has no text once HTML is removed"));
        as(writer).body(comment(" <img src=x onerror=alert(1)//")).put("/api/articles/{slug}/comments/{id}",
                article.slug(), id).then().statusCode(422);

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then()
                .body("comments.find { it.id == " + id + " }.body", equalTo("Ganz harmlos"));
    }

    @Test
    void reportsFromAccountsRegisteredMomentsAgoAreRecordedButDoNotHide() {
        TestUser writer = user("reported");
        Article article = publishedArticle(kafka, user("author"));
        long id = post(writer, article, "Unbequeme, aber zulässige Meinung");

        for (int i = 0; i < 3; i++) {
            flag(registered(kafka, "fresh" + i, Duration.ofSeconds(5)), article, id);
        }
        flag(user("unknown"), article, id); // its registration has not reached comment-service

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                contains((int) id));
        as(moderator).get("/api/moderation/queue?status=flagged&limit=100").then()
                .body("comments.find { it.comment.id == " + id + " }.flagCount", equalTo(4));

        flag(longstanding(kafka, "old1"), article, id);
        flag(registered(kafka, "old2", Duration.ofHours(25)), article, id);
        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                contains((int) id));
        flag(longstanding(kafka, "old3"), article, id);

        anonymous().get("/api/articles/{slug}/comments", article.slug()).then().body("comments.id",
                not(hasItem((int) id)));
        as(moderator).get("/api/moderation/queue?limit=100").then()
                .body("comments.find { it.comment.id == " + id + " }.heldRule", equalTo("reports"));
    }

    private static void flag(TestUser reporter, Article article, long id) {
        as(reporter).body(Map.of("flag", Map.of("reason", "abuse")))
                .post("/api/articles/{slug}/comments/{id}/flags", article.slug(), id).then().statusCode(201);
    }
}
