package org.colloquy.comment;

import static org.colloquy.testing.Requests.as;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;

/** Test users (testing's TestUser) as comment-service knows them, articles announced as article-service would. */
final class Discussion {

    record Article(String id, String slug) {
    }

    static TestUser user(String prefix, String... roles) {
        return TestUser.named(prefix, roles);
    }

    /** A user whose registration comment-service has consumed, registered {@code age} ago. */
    static TestUser registered(KafkaTestClient kafka, String prefix, Duration age) {
        TestUser user = user(prefix);
        kafka.publish(user.registration(Instant.now().minus(age)));
        return user;
    }

    /** Old enough for reports to count (the minimum account age is 24 hours by default). */
    static TestUser longstanding(KafkaTestClient kafka, String prefix) {
        return registered(kafka, prefix, Duration.ofDays(30));
    }

    static Article publishedArticle(KafkaTestClient kafka, TestUser author) {
        String id = UUID.randomUUID().toString();
        String slug = "artikel-" + id.substring(0, 8);
        kafka.publish(new ArticlePublished(id, slug, "Artikel", null, author.id(), author.username(), List.of(), "de",
                Instant.now()));
        return new Article(id, slug);
    }

    static Map<String, Object> comment(String body) {
        return Map.of("comment", Map.of("body", body));
    }

    static Map<String, Object> reply(String body, long parentId) {
        return Map.of("comment", Map.of("body", body, "parentId", parentId));
    }

    /** Posts and returns the new comment's id. */
    static long post(TestUser user, Article article, String body) {
        return ((Number) as(user).body(comment(body)).post("/api/articles/{slug}/comments", article.slug())
                .then().statusCode(201).extract().path("comment.id")).longValue();
    }

    static Map<String, Object> settings(String mode, List<String> banned, List<String> suspect, int maxLinks,
            int perMinute, int flagsToHold, int editWindowSeconds) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("mode", mode);
        settings.put("bannedWords", banned);
        settings.put("suspectWords", suspect);
        settings.put("maxLinks", maxLinks);
        settings.put("commentsPerMinute", perMinute);
        settings.put("flagsToHold", flagsToHold);
        settings.put("editWindowSeconds", editWindowSeconds);
        return Map.of("settings", settings);
    }

    /** The defaults of the migration; tests that change settings put these back. */
    static Map<String, Object> defaultSettings() {
        return settings("off", List.of(), List.of(), 3, 5, 3, 900);
    }

    static void applySettings(Map<String, Object> settings) {
        as(user("settings-admin", "admin")).body(settings).put("/api/moderation/settings").then().statusCode(200);
    }

    /** The records of one key, read until one of the given type arrived (everything before it has arrived too). */
    static List<ConsumerRecord<String, String>> events(KafkaTestClient kafka, String topic, String key,
            Class<? extends DomainEvent> last) {
        return kafka.readUntil(topic, seen -> seen.stream().anyMatch(r -> key.equals(r.key())
                && type(r).equals(type(last))), Duration.ofSeconds(30))
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }

    static String type(Class<? extends DomainEvent> payload) {
        return EventCatalog.of(payload).type();
    }

    private Discussion() {
    }
}
