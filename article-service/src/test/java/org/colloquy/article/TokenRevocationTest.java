package org.colloquy.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.article.Writers.newWriter;
import static org.colloquy.testing.Requests.anonymous;
import static org.hamcrest.Matchers.contains;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.colloquy.api.VerifiedTokens;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Tokens below the version user-service revoked are refused within the refresh interval of the event, also when they
 * were verified before and are answered from memory ({@link VerifiedTokens}).
 */
@QuarkusTest
@ArticleServiceTest
class TokenRevocationTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Inject
    JWTParser parser;

    @Test
    void tokensAreVerifiedOnceAndThenAnsweredFromMemory() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokens.class);
    }

    @Test
    void afterSessionsAreRevokedOnlyTokensOfTheNewVersionWork() {
        TestUser writer = newWriter("revoked");
        TestUser other = newWriter("bystander");
        String old = writer.tokenAtVersion(0);
        drafts(old).then().statusCode(200); // verified, and remembered from now on

        kafka.publish(new UserSessionsRevoked(writer.id(), 1, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> drafts(old).then().statusCode(401)
                .body("errors.token", contains("is invalid or expired")));
        drafts(writer.token()).then().statusCode(401);
        anonymous().header("Authorization", "Token " + old).get("/api/articles").then().statusCode(401);
        drafts(writer.tokenAtVersion(1)).then().statusCode(200);
        drafts(writer.tokenAtVersion(2)).then().statusCode(200);
        drafts(other.token()).then().statusCode(200);
    }

    @Test
    void aRepeatedOrOlderRevocationChangesNothing() {
        TestUser writer = newWriter("replayed");
        kafka.publish(new UserSessionsRevoked(writer.id(), 2, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> drafts(writer.tokenAtVersion(1))
                .then().statusCode(401));

        kafka.publish(new UserSessionsRevoked(writer.id(), 1, Instant.now()));
        kafka.publish(new UserSessionsRevoked(writer.id(), 2, Instant.now()));
        TestUser marker = newWriter("marker");
        kafka.publish(new UserSessionsRevoked(marker.id(), 1, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> drafts(marker.token()).then().statusCode(401));

        drafts(writer.tokenAtVersion(1)).then().statusCode(401);
        drafts(writer.tokenAtVersion(2)).then().statusCode(200);
    }

    private static io.restassured.response.Response drafts(String token) {
        return anonymous().header("Authorization", "Token " + token).get("/api/articles/drafts");
    }
}
