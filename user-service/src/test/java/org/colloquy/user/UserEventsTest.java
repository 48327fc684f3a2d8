package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.user.Users.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

/** Each write announces exactly one event on user.events, read back from the real broker; no-ops announce none. */
@QuarkusTest
@UserServiceTest
class UserEventsTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Test
    void everyWriteEmitsExactlyOneEventInOrder() {
        Users.Registered user = Users.register("eventful");
        Users.Registered author = Users.register("followed");

        as(user).body(Map.of("user", Map.of("bio", "Erste Zeile"))).put("/api/user").then().statusCode(200);
        as(user).body(Map.of("user", Map.of("email", "new-" + user.email()))).put("/api/user").then().statusCode(200);
        as(user).post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
        as(user).post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
        as(user).delete("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
        as(user).delete("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
        as(user).body(Map.of("user", Map.of("bio", "Letzte Zeile"))).put("/api/user").then().statusCode(200);

        List<ConsumerRecord<String, String>> records;
        records = kafka.readUntil(Topics.USER_EVENTS, seen -> seen.stream().anyMatch(r -> user.id().equals(r.key())
                && r.value().contains("Letzte Zeile")), Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> user.id().equals(r.key())).toList();

        assertThat(mine).extracting(UserEventsTest::type).containsExactly(
                type(UserRegistered.class), type(UserProfileUpdated.class), type(UserFollowed.class),
                type(UserUnfollowed.class), type(UserProfileUpdated.class));
        UserRegistered registered = EventJson.read(mine.get(0).value(), UserRegistered.class);
        assertThat(registered.username()).isEqualTo(user.username());
        assertThat(EventJson.read(mine.get(1).value(), UserProfileUpdated.class).bio()).isEqualTo("Erste Zeile");
        UserFollowed followed = EventJson.read(mine.get(2).value(), UserFollowed.class);
        assertThat(followed.followeeId()).isEqualTo(author.id());
        assertThat(followed.followerUsername()).isEqualTo(user.username());
        assertThat(KafkaTestClient.header(mine.get(2), "ce_subject")).contains(author.id());
        assertThat(KafkaTestClient.header(mine.get(0), "ce_source")).contains("urn:colloquy:user-service");
    }

    private static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }

    private static String type(Class<? extends org.colloquy.events.DomainEvent> payload) {
        return EventCatalog.of(payload).type();
    }
}
