package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.user.Users.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * Follows and unfollows of one pair sent at once: each answers 200, and the events on the follower's key
     * alternate (followed, unfollowed, ...) ending with the state the database holds. Without the follower's row
     * lock, two follows both found "not following" and the second insert failed, or an announced change was lost.
     */
    @Test
    void concurrentFollowsAndUnfollowsOfOnePairAreAnnouncedInTurn() throws Exception {
        Users.Registered reader = Users.register("eager");
        Users.Registered author = Users.register("popular");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                boolean follow = i % 3 != 2;
                requests.add(() -> (follow ? as(reader).post("/api/profiles/{u}/follow", author.username())
                        : as(reader).delete("/api/profiles/{u}/follow", author.username())).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(requests)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        as(reader).body(Map.of("user", Map.of("bio", "fertig"))).put("/api/user").then().statusCode(200);
        boolean following = as(reader).get("/api/profiles/{u}", author.username()).then().statusCode(200)
                .extract().path("profile.following");

        List<String> types = kafka.readUntil(Topics.USER_EVENTS, seen -> seen.stream().anyMatch(r ->
                reader.id().equals(r.key()) && r.value().contains("fertig")), Duration.ofSeconds(30)).stream()
                .filter(r -> reader.id().equals(r.key())).map(UserEventsTest::type)
                .filter(type -> type.equals(type(UserFollowed.class)) || type.equals(type(UserUnfollowed.class)))
                .toList();
        assertThat(types).isNotEmpty().first().isEqualTo(type(UserFollowed.class));
        for (int i = 1; i < types.size(); i++) {
            assertThat(types.get(i)).as("event %d of %s", i, types).isNotEqualTo(types.get(i - 1));
        }
        assertThat(types.get(types.size() - 1)).isEqualTo(type(following ? UserFollowed.class : UserUnfollowed.class));
    }

    private static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }

    private static String type(Class<? extends org.colloquy.events.DomainEvent> payload) {
        return EventCatalog.of(payload).type();
    }
}
