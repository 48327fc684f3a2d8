package org.colloquy.notification;

import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.Requests;
import org.colloquy.testing.TestUser;

/** Users with tokens, the events other services would publish about them, and reading their inbox. */
final class People {

    static TestUser register(KafkaTestClient kafka, String prefix) {
        TestUser person = TestUser.named(prefix);
        kafka.publish(person.registration(Instant.now(), "https://example.org/" + person.username() + ".png"));
        return person;
    }

    static ArticlePublished article(TestUser author) {
        String id = UUID.randomUUID().toString();
        return new ArticlePublished(id, "artikel-" + id.substring(0, 8), "Titel " + id.substring(0, 4), null,
                author.id(), author.username(), List.of(), "de", Instant.now());
    }

    static CommentPosted comment(ArticlePublished article, long id, TestUser writer, Long parentId,
            TestUser parentAuthor, String body, List<String> mentions) {
        return new CommentPosted(id, article.articleId(), article.slug(), article.authorId(), parentId,
                parentAuthor == null ? null : parentAuthor.id(), writer.id(), writer.username(), body, mentions,
                Instant.now());
    }

    /** Without the written positions: these tests wait for what they expect themselves. */
    static RequestSpecification as(TestUser person) {
        return Requests.withToken(Requests.json(), person.token());
    }

    static long unread(TestUser person) {
        return ((Number) as(person).get("/api/notifications/unread-count").then().statusCode(200)
                .extract().path("count")).longValue();
    }

    static void awaitUnread(TestUser person, long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(person) == count);
    }

    private People() {
    }
}
