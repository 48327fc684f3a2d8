package org.colloquy.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.comment.Discussion.comment;
import static org.colloquy.comment.Discussion.longstanding;
import static org.colloquy.comment.Discussion.post;
import static org.colloquy.comment.Discussion.publishedArticle;
import static org.colloquy.comment.Discussion.settings;
import static org.colloquy.comment.Discussion.user;
import static org.colloquy.testing.Requests.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.comment.Discussion.Article;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentEdited;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentFlagged;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.moderation.UserBannedFromCommenting;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exactly one event per state change, on comment.events and moderation.events, read back from the broker. */
@QuarkusTest
@CommentServiceTest
class CommentEventsTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @AfterEach
    void tearDown() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @Test
    void publicCommentLifecycleIsAnnouncedOnCommentEvents() {
        TestUser author = user("author");
        TestUser writer = user("writer");
        Article article = publishedArticle(kafka, author);
        long parent = post(author, article, "Frage an alle");
        long id = ((Number) as(writer).body(Map.of("comment", Map.of("body", "Antwort an @" + author.username(),
                "parentId", parent))).post("/api/articles/{slug}/comments", article.slug()).then().statusCode(201)
                .extract().path("comment.id")).longValue();
        as(writer).body(comment("Geänderte Antwort")).put("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .then().statusCode(200);
        as(writer).delete("/api/articles/{slug}/comments/{id}", article.slug(), id).then().statusCode(204);

        List<ConsumerRecord<String, String>> mine = read(Topics.COMMENT_EVENTS, article.id(),
                type(CommentDeleted.class));

        assertThat(mine).extracting(CommentEventsTest::type).containsExactly(type(CommentPosted.class),
                type(CommentPosted.class), type(CommentEdited.class), type(CommentDeleted.class));
        CommentPosted reply = EventJson.read(mine.get(1).value(), CommentPosted.class);
        assertThat(reply.commentId()).isEqualTo(id);
        assertThat(reply.parentId()).isEqualTo(parent);
        assertThat(reply.parentAuthorId()).isEqualTo(author.id());
        assertThat(reply.mentions()).containsExactly(author.username());
        assertThat(reply.articleSlug()).isEqualTo(article.slug());
        assertThat(KafkaTestClient.header(mine.get(1), "ce_subject")).contains(Long.toString(id));
        assertThat(EventJson.read(mine.get(3).value(), CommentDeleted.class).wasVisible()).isTrue();
    }

    @Test
    void moderationDecisionsAreAnnouncedOnModerationEvents() {
        Discussion.applySettings(settings("all", List.of(), List.of(), 3, 5, 1, 900));
        TestUser moderator = user("moderator", "moderator");
        TestUser writer = user("held");
        Article article = publishedArticle(kafka, user("author"));
        long held = ((Number) as(writer).body(comment("Wartet")).post("/api/articles/{slug}/comments",
                article.slug()).then().statusCode(201).extract().path("comment.id")).longValue();
        as(moderator).post("/api/moderation/comments/{id}/approve", held).then().statusCode(200);
        as(longstanding(kafka, "reporter")).body(Map.of("flag", Map.of("reason", "off-topic")))
                .post("/api/articles/{slug}/comments/{id}/flags", article.slug(), held).then().statusCode(201);
        as(moderator).body(Map.of("reason", "Thema verfehlt")).post("/api/moderation/comments/{id}/reject", held)
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> moderation = read(Topics.MODERATION_EVENTS, article.id(),
                type(CommentRejected.class));
        assertThat(moderation).extracting(CommentEventsTest::type).containsExactly(type(CommentHeldForReview.class),
                type(CommentApproved.class), type(CommentFlagged.class), type(CommentHeldForReview.class),
                type(CommentRejected.class));
        assertThat(EventJson.read(moderation.get(0).value(), CommentHeldForReview.class).rule())
                .isEqualTo("pre-moderation");
        assertThat(EventJson.read(moderation.get(3).value(), CommentHeldForReview.class).rule()).isEqualTo("reports");

        List<ConsumerRecord<String, String>> comments = read(Topics.COMMENT_EVENTS, article.id(),
                type(CommentDeleted.class));
        assertThat(comments).extracting(CommentEventsTest::type).containsExactly(type(CommentPosted.class),
                type(CommentDeleted.class));
    }

    @Test
    void banIsAnnounced() {
        TestUser troll = user("troll");
        kafka.publish(new UserRegistered(troll.id(), troll.username(), null, null, Instant.now()));
        as(user("moderator", "moderator")).body(Map.of("ban", Map.of("reason", "Spam")))
                .post("/api/moderation/users/{u}/ban", troll.username()).then().statusCode(200);

        List<ConsumerRecord<String, String>> bans = read(Topics.MODERATION_EVENTS, troll.id(),
                type(UserBannedFromCommenting.class));
        assertThat(bans).hasSize(1);
        UserBannedFromCommenting ban = EventJson.read(bans.get(0).value(), UserBannedFromCommenting.class);
        assertThat(ban.until()).isNull();
        assertThat(ban.reason()).isEqualTo("Spam");
    }

    /** The records of one key, read until one of the given type arrived (everything before it has arrived too). */
    private List<ConsumerRecord<String, String>> read(String topic, String key, String lastType) {
        return kafka.readUntil(topic, seen -> seen.stream().anyMatch(r -> key.equals(r.key())
                && type(r).equals(lastType)), Duration.ofSeconds(30))
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }

    private static String type(Class<? extends DomainEvent> payload) {
        return EventCatalog.of(payload).type();
    }
}
