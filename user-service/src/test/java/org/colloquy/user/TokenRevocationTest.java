package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.user.Users.PASSWORD;
import static org.colloquy.user.Users.as;
import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.Topics;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A password or role change raises the user's token version: older tokens are refused here at once, and the other
 * services learn it from {@code UserSessionsRevoked}.
 */
@QuarkusTest
@UserServiceTest
class TokenRevocationTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Test
    void aNewPasswordEndsOlderSessionsAndAnswersWithATokenThatWorks() {
        Users.Registered user = Users.register("revoked");
        String other = json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");

        String fresh = as(user).body(Map.of("user", Map.of("password", "another long secret"))).put("/api/user")
                .then().statusCode(200).extract().path("user.token");

        assertThat(Users.claims(fresh)).containsEntry("ver", 1);
        for (String old : List.of(user.token(), other)) {
            json().header("Authorization", "Token " + old).get("/api/user")
                    .then().statusCode(401).body("errors.token", contains("is invalid or expired"));
        }
        json().header("Authorization", "Token " + fresh).get("/api/user")
                .then().statusCode(200).body("user.username", equalTo(user.username()));
        json().header("Authorization", "Token " + user.token()).body(Map.of("user", Map.of("bio", "x")))
                .put("/api/user").then().statusCode(401);
    }

    @Test
    void aPasswordChangeIsAnnouncedWithTheNewVersion() {
        Users.Registered user = Users.register("announced");
        as(user).body(Map.of("user", Map.of("password", "another long secret", "bio", "Neu"))).put("/api/user")
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> mine = kafka.readUntil(Topics.USER_EVENTS, seen -> seen.stream()
                .anyMatch(r -> user.id().equals(r.key()) && type(r).equals(type(UserSessionsRevoked.class))),
                Duration.ofSeconds(30)).stream().filter(r -> user.id().equals(r.key())).toList();

        UserSessionsRevoked revoked = mine.stream().filter(r -> type(r).equals(type(UserSessionsRevoked.class)))
                .map(r -> EventJson.read(r.value(), UserSessionsRevoked.class)).findFirst().orElseThrow();
        assertThat(revoked.userId()).isEqualTo(user.id());
        assertThat(revoked.tokenVersion()).isEqualTo(1);
        assertThat(revoked.revokedAt()).isNotNull();
    }

    @Test
    void aClearedBioIsAnnouncedAsNull() {
        Users.Registered user = Users.register("cleared");
        as(user).body(Map.of("user", Map.of("bio", "Gleich weg"))).put("/api/user").then().statusCode(200);
        as(user).body("{\"user\":{\"bio\":null}}").put("/api/user").then().statusCode(200);

        List<UserProfileUpdated> updates = kafka.readUntil(Topics.USER_EVENTS, seen -> seen.stream()
                .filter(r -> user.id().equals(r.key()) && type(r).equals(type(UserProfileUpdated.class))).count() >= 2,
                Duration.ofSeconds(30)).stream()
                .filter(r -> user.id().equals(r.key()) && type(r).equals(type(UserProfileUpdated.class)))
                .map(r -> EventJson.read(r.value(), UserProfileUpdated.class)).toList();

        assertThat(updates).extracting(UserProfileUpdated::bio).containsExactly("Gleich weg", null);
    }

    @Test
    void aRoleChangeEndsOlderSessionsAndTheNextLogInCarriesTheNewRoles() {
        Users.Registered admin = RolesAndThrottleTest.initialAdmin();
        Users.Registered user = Users.register("promoted");

        as(admin).body(Map.of("roles", List.of("moderator"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(200);

        as(user).get("/api/user").then().statusCode(401).body("errors.token", contains("is invalid or expired"));
        String fresh = json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");
        assertThat(Users.groups(fresh)).containsExactlyInAnyOrder("moderator", "user");
        assertThat(Users.claims(fresh)).containsEntry("ver", 1);
        json().header("Authorization", "Token " + fresh).get("/api/user").then().statusCode(200);

        as(admin).body(Map.of("roles", List.of("moderator"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(200);
        json().header("Authorization", "Token " + fresh).get("/api/user").then().statusCode(200);
    }

    @Test
    void tokensWithoutAVersionCountAsVersionZero() {
        Users.Registered user = Users.register("unversioned");

        json().header("Authorization", "Token " + TestTokens.forUser(user.id(), user.username(), "user"))
                .get("/api/user").then().statusCode(200);
        as(user).body(Map.of("user", Map.of("password", "another long secret"))).put("/api/user")
                .then().statusCode(200);
        json().header("Authorization", "Token " + TestTokens.forUser(user.id(), user.username(), "user"))
                .get("/api/user").then().statusCode(401);
    }

    @Test
    void aTokenWhoseSubjectIsNoUserIdIsRefused() {
        json().header("Authorization", "Token " + TestTokens.forUser("not-a-uuid", "mallory", "user"))
                .get("/api/user").then().statusCode(401).body("errors.token", contains("is invalid or expired"));
    }

    private static String type(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "ce_type").orElse("");
    }

    private static String type(Class<? extends org.colloquy.events.DomainEvent> payload) {
        return EventCatalog.of(payload).type();
    }
}
