package org.colloquy.user;

import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.colloquy.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Forged, foreign and expired tokens are rejected with 401 in the RealWorld shape. */
@QuarkusTest
@UserServiceTest
class TokenVerificationTest {

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        Users.Registered user = Users.register("none");
        String[] parts = user.token().split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        json().header("Authorization", "Token " + header + "." + parts[1] + ".").get("/api/user")
                .then().statusCode(401).body("errors.token", contains("is invalid or expired"));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        Users.Registered user = Users.register("foreign");

        json().header("Authorization", "Token " + TestTokens.signedWithAnotherKey(user.id(), user.username()))
                .get("/api/user").then().statusCode(401).body("errors.token", contains("is invalid or expired"));
    }

    @Test
    void expiredTokenIsRejected() {
        Users.Registered user = Users.register("expired");

        json().header("Authorization", "Token " + TestTokens.expired(user.id(), user.username()))
                .get("/api/user").then().statusCode(401).body("errors.token", contains("is invalid or expired"));
    }

    @Test
    void tamperedPayloadIsRejected() {
        Users.Registered user = Users.register("tamper");
        String[] parts = user.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        json().header("Authorization", "Token " + forged).get("/api/user").then().statusCode(401);
    }

    @Test
    void jwksServesThePublicKeyTokensAreSignedWith() {
        Users.Registered user = Users.register("jwks");
        String kid = new String(Base64.getUrlDecoder().decode(user.token().split("\\.")[0]), StandardCharsets.UTF_8)
                .replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");

        json().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", equalTo(kid));
    }
}
