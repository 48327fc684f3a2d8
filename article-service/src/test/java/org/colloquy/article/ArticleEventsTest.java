package org.colloquy.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.article.Writers.article;
import static org.colloquy.article.Writers.newWriter;
import static org.colloquy.article.Writers.unique;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** One event per state change on article.events, read back from the broker; comment counts from comment.events. */
@QuarkusTest
@ArticleServiceTest
class ArticleEventsTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Test
    void everyStateChangeOfAPublicArticleEmitsExactlyOneEventInOrder() {
        TestUser writer = newWriter("evented");
        Map<String, Object> draft = article(unique("Ereignisse"), List.of("x"));
        draft.put("status", "draft");
        String slug = as(writer).body(Map.of("article", draft)).post("/api/articles").then().statusCode(201)
                .extract().path("article.slug");
        as(writer).body(Map.of("article", Map.of("body", "still a draft"))).put("/api/articles/{s}", slug)
                .then().statusCode(200);
        as(writer).post("/api/articles/{s}/publish", slug).then().statusCode(200);
        as(writer).post("/api/articles/{s}/publish", slug).then().statusCode(200);
        String renamed = as(writer).body(Map.of("article", Map.of("title", unique("Umbenannt"))))
                .put("/api/articles/{s}", slug).then().statusCode(200).extract().path("article.slug");
        as(writer).post("/api/articles/{s}/unpublish", renamed).then().statusCode(200);
        as(writer).post("/api/articles/{s}/publish", renamed).then().statusCode(200);
        as(writer).delete("/api/articles/{s}", renamed).then().statusCode(204);

        List<ConsumerRecord<String, String>> records;
        records = kafka.readUntil(Topics.ARTICLE_EVENTS, seen -> seen.stream().anyMatch(
                r -> type(r).equals(type(ArticleDeleted.class)) && r.value().contains(renamed)),
                Duration.ofSeconds(30));
        String articleId = records.stream().filter(r -> r.value().contains(renamed)).findFirst().orElseThrow().key();
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> articleId.equals(r.key())).toList();

        assertThat(mine).extracting(ArticleEventsTest::type).containsExactly(type(ArticlePublished.class),
                type(ArticleUpdated.class), type(ArticleUnpublished.class), type(ArticlePublished.class),
                type(ArticleDeleted.class));
        ArticlePublished published = EventJson.read(mine.get(0).value(), ArticlePublished.class);
        assertThat(published.slug()).isEqualTo(slug);
        assertThat(published.authorUsername()).isEqualTo(writer.username());
        assertThat(published.tagList()).containsExactly("x");
        ArticleUpdated updated = EventJson.read(mine.get(1).value(), ArticleUpdated.class);
        assertThat(updated.slug()).isEqualTo(renamed);
        assertThat(updated.previousSlug()).isEqualTo(slug);
    }

    @Test
    void commentsCountFollowsCommentEventsOncePerEvent() {
        TestUser writer = newWriter("discussed");
        String slug = Writers.publish(writer, unique("Diskutiert"), List.of());
        String articleId;
        articleId = kafka.readUntil(Topics.ARTICLE_EVENTS, seen -> seen.stream()
                .anyMatch(r -> r.value().contains("\"" + slug + "\"")), Duration.ofSeconds(30))
                .stream().filter(r -> r.value().contains("\"" + slug + "\"")).findFirst().orElseThrow().key();
        CommentPosted first = new CommentPosted(1, articleId, slug, writer.id(), null, null, "u1", "leserin",
                "Gut!", List.of(), Instant.now());
        String eventId = kafka.publish(first);
        kafka.publish(first, eventId); // delivered twice
        kafka.publish(new CommentPosted(2, articleId, slug, writer.id(), 1L, "u1", "u2", "leser", "Danke",
                List.of(), Instant.now()));
        kafka.publish(new CommentDeleted(2, articleId, true, Instant.now()));
        kafka.publish(new CommentDeleted(3, articleId, false, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> (int) anonymous().get("/api/articles/{s}", slug)
                .then().extract().path("article.commentsCount") == 1);
    }

    private static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }

    private static String type(Class<? extends DomainEvent> payload) {
        return EventCatalog.of(payload).type();
    }
}
