package org.colloquy.user;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test helpers: unique users, their tokens, and requests as a client would send them. */
final class Users {

    static final String PASSWORD = "correct horse battery";

    record Registered(String username, String email, String token) {
        String id() {
            return claims(token).get("sub").toString();
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Registered register(String prefix) {
        String username = unique(prefix);
        String email = username + "@example.org";
        String token = json().body(Map.of("user", Map.of("username", username, "email", email,
                "password", PASSWORD))).post("/api/users").then().statusCode(201)
                .extract().path("user.token");
        return new Registered(username, email, token);
    }

    static RequestSpecification json() {
        return from(randomAddress());
    }

    /** As a client at this address (the gateway passes it on in X-Forwarded-For). */
    static RequestSpecification from(String address) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).header("X-Forwarded-For", address);
    }

    static RequestSpecification as(Registered user) {
        return json().header("Authorization", "Token " + user.token());
    }

    /** Each test its own client address, so that the per-address log-in throttle never couples tests. */
    static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @SuppressWarnings("unchecked")
    static java.util.List<String> groups(String token) {
        return (java.util.List<String>) claims(token).get("groups");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(payload, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Users() {
    }
}
