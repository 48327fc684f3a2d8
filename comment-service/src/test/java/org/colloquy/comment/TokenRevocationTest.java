package org.colloquy.comment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.colloquy.domain.Role;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** A demoted moderator's old token loses the role once user-service revokes it (UserSessionsRevoked). */
@QuarkusTest
@CommentServiceTest
class TokenRevocationTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Test
    void aRevokedModeratorTokenIsRefusedAndTheNewOneCarriesTheNewRoles() {
        String id = UUID.randomUUID().toString();
        String moderatorToken = token(id, 0, Role.MODERATOR.value());
        settings(moderatorToken).then().statusCode(200);

        kafka.publish(new UserSessionsRevoked(id, 1, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> settings(moderatorToken).then().statusCode(401)
                .body("errors.token", contains("is invalid or expired")));
        settings(token(id, 1)).then().statusCode(403);
    }

    private static Response settings(String token) {
        return given().header("Authorization", "Token " + token).get("/api/moderation/settings");
    }

    private static String token(String userId, long version, String... roles) {
        return TestTokens.atVersion(userId, "mod-" + userId.substring(0, 8), version, roles);
    }
}
