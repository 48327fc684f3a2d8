package org.colloquy.article;

import static org.colloquy.testing.Requests.as;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;

/** Articles as tests write them, and the events other services send about the writers (testing's TestUser). */
final class Writers {

    static TestUser newWriter(String prefix) {
        return TestUser.named(prefix);
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
    static String publish(TestUser writer, String title, List<String> tags) {
        return as(writer).body(Map.of("article", article(title, tags))).post("/api/articles")
                .then().statusCode(201).extract().path("article.slug");
    }

    static void registered(KafkaTestClient kafka, TestUser writer, String bio) {
        kafka.publish(new UserRegistered(writer.id(), writer.username(), bio, null, Instant.now()));
    }

    static void follows(KafkaTestClient kafka, TestUser follower, TestUser followee) {
        kafka.publish(new UserFollowed(follower.id(), follower.username(), followee.id(), followee.username()));
    }

    static String unique(String title) {
        return title + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private Writers() {
    }
}
