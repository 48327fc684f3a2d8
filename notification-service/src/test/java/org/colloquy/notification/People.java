package org.colloquy.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestTokens;

/** Users with tokens, the events other services would publish about them, and reading their inbox. */
final class People {

    record Person(String id, String username, String token) {
    }

    static Person register(KafkaTestClient kafka, String prefix) {
        String id = UUID.randomUUID().toString();
        String username = prefix + "-" + id.substring(0, 8);
        kafka.publish(new UserRegistered(id, username, null, "https://example.org/" + username + ".png",
                Instant.now()));
        return new Person(id, username, TestTokens.forUser(id, username));
    }



    /** A token as user-service issues it after {@code version} revocations of the person's sessions. */
    static String tokenAtVersion(Person person, long version) {
        return TestTokens.atVersion(person.id(), person.username(), version);
    }

    static ArticlePublished article(Person author) {
        String id = UUID.randomUUID().toString();
        return new ArticlePublished(id, "artikel-" + id.substring(0, 8), "Titel " + id.substring(0, 4), null,
                author.id(), author.username(), List.of(), "de", Instant.now());
    }

    static CommentPosted comment(ArticlePublished article, long id, Person writer, Long parentId, Person parentAuthor,
            String body, List<String> mentions) {
        return new CommentPosted(id, article.articleId(), article.slug(), article.authorId(), parentId,
                parentAuthor == null ? null : parentAuthor.id(), writer.id(), writer.username(), body, mentions,
                Instant.now());
    }

    static RequestSpecification as(Person person) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", "Token " + person.token());
    }

    static long unread(Person person) {
        return ((Number) as(person).get("/api/notifications/unread-count").then().statusCode(200)
                .extract().path("count")).longValue();
    }

    static void awaitUnread(Person person, long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(person) == count);
    }

    private People() {
    }
}
