package org.colloquy.article;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.events.WrittenPositions;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestTokens;

/** Test users (with tokens as user-service issues them), their requests, and events as other services send them. */
final class Writers {

    record Writer(String id, String username, String token) {
    }

    static Writer newWriter(String prefix) {
        String id = UUID.randomUUID().toString();
        String username = prefix + "-" + id.substring(0, 8);
        return new Writer(id, username, TestTokens.forUser(id, username));
    }

    /** A token as user-service issues it after {@code version} revocations of the writer's sessions. */
    static String tokenAtVersion(Writer writer, long version) {
        return TestTokens.atVersion(writer.id(), writer.username(), version);
    }

    /**
     * A client that wrote the events the tests published (their Colloquy-Written positions), as the gateway would say
     * for a caller who wrote them: reads from the replicas wait for them (read-your-writes).
     */
    static RequestSpecification anonymous() {
        RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
        WrittenPositions written = KafkaTestClient.written();
        return written.isEmpty() ? request : request.header(WrittenPositions.HEADER, written.header());
    }

    static RequestSpecification as(Writer writer) {
        return anonymous().header("Authorization", "Token " + writer.token());
    }

    static Map<String, Object> article(String title, List<String> tags) {
        Map<String, Object> article = new HashMap<>();
        article.put("title", title);
        article.put("description", "Worum es geht");
        article.put("body", "# " + title + "\n\nText mit Umlauten: äöü ÄÖÜ ß.");
        article.put("tagList", tags);
        return article;
    }

    /** Creates and returns the slug. */
    static String publish(Writer writer, String title, List<String> tags) {
        return as(writer).body(Map.of("article", article(title, tags))).post("/api/articles")
                .then().statusCode(201).extract().path("article.slug");
    }

    static void registered(KafkaTestClient kafka, Writer writer, String bio) {
        kafka.publish(new UserRegistered(writer.id(), writer.username(), bio, null, Instant.now()));
    }

    static void follows(KafkaTestClient kafka, Writer follower, Writer followee) {
        kafka.publish(new UserFollowed(follower.id(), follower.username(), followee.id(), followee.username()));
    }



    static String unique(String title) {
        return title + " " + UUID.randomUUID().toString().substring(0, 8);
    }


    private Writers() {
    }
}
