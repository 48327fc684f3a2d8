package org.colloquy.user;

import static org.colloquy.user.Users.PASSWORD;
import static org.colloquy.user.Users.as;
import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RealWorld rules of the published spec and its test suite: null clears bio and image but is no e-mail, username
 * or password; blank and wrong credentials answer as the suite expects; every field that travels in an event has a
 * maximum.
 */
@QuarkusTest
@UserServiceTest
class RealWorldRulesTest {

    @Test
    void nullBioAndImageClearTheField() {
        Users.Registered user = Users.register("nullable");
        as(user).body(Map.of("user", Map.of("bio", "Erst da", "image", "https://example.org/a.png")))
                .put("/api/user").then().statusCode(200);

        as(user).body("{\"user\":{\"bio\":null,\"image\":null}}").put("/api/user")
                .then().statusCode(200).body("user.bio", nullValue()).body("user.image", nullValue())
                .body("user.username", equalTo(user.username()));
        as(user).get("/api/profiles/{u}", user.username())
                .then().statusCode(200).body("profile.bio", nullValue()).body("profile.image", nullValue());
    }

    @Test
    void absentBioAndImageStayAsTheyAre() {
        Users.Registered user = Users.register("absent");
        as(user).body(Map.of("user", Map.of("bio", "Bleibt", "image", "https://example.org/b.png")))
                .put("/api/user").then().statusCode(200);

        as(user).body("{\"user\":{\"email\":\"" + "moved-" + user.email() + "\"}}").put("/api/user")
                .then().statusCode(200).body("user.bio", equalTo("Bleibt"))
                .body("user.image", equalTo("https://example.org/b.png"));
    }

    @Test
    void nullEmailUsernameOrPasswordIs422OnThatField() {
        Users.Registered user = Users.register("nonull");

        for (String field : new String[] {"email", "username", "password"}) {
            as(user).body("{\"user\":{\"" + field + "\":null}}").put("/api/user")
                    .then().statusCode(422).body("errors." + field, contains("can't be blank"));
        }
        as(user).get("/api/user").then().statusCode(200).body("user.email", equalTo(user.email()));
    }

    @Test
    void emptyPasswordAtRegistrationCannotBeBlank() {
        String username = Users.unique("nopass");
        json().body(Map.of("user", Map.of("username", username, "email", username + "@x.org", "password", "")))
                .post("/api/users")
                .then().statusCode(422).body("errors.password", contains("can't be blank"))
                .body("errors.size()", equalTo(1));
    }

    @Test
    void wrongLogInIs401WithInvalidCredentials() {
        Users.Registered user = Users.register("wrongcred");

        json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD + "?")))
                .post("/api/users/login")
                .then().statusCode(401).body("errors.credentials", contains("invalid"))
                .body("errors.size()", equalTo(1));
    }

    @Test
    void fieldsThatTravelInEventsHaveMaximumLengths() {
        Users.Registered user = Users.register("limits");

        as(user).body(Map.of("user", Map.of("bio", "b".repeat(2001)))).put("/api/user")
                .then().statusCode(422).body("errors.bio", contains("must be at most 2000 characters"));
        as(user).body(Map.of("user", Map.of("image", "https://example.org/" + "i".repeat(2000)))).put("/api/user")
                .then().statusCode(422).body("errors.image", contains("must be at most 2000 characters"));
        as(user).body(Map.of("user", Map.of("username", "u".repeat(41)))).put("/api/user")
                .then().statusCode(422).body("errors.username", contains("must be at most 40 characters"));
        as(user).body(Map.of("user", Map.of("email", "e".repeat(250) + "@x.org"))).put("/api/user")
                .then().statusCode(422).body("errors.email", contains("must be at most 254 characters"));
        as(user).body(Map.of("user", Map.of("bio", "b".repeat(20_000)))).put("/api/user")
                .then().statusCode(422).body("errors.bio", contains("must be at most 2000 characters"));

        Map<String, String> tooLong = new HashMap<>();
        tooLong.put("username", "u".repeat(400));
        tooLong.put("email", "e".repeat(2540) + "@x.org");
        tooLong.put("password", PASSWORD);
        json().body(Map.of("user", tooLong)).post("/api/users")
                .then().statusCode(422).body("errors.username", contains("must be at most 40 characters"))
                .body("errors.email", contains("must be at most 254 characters"));

        json().body(Map.of("user", Map.of("email", "e".repeat(100_000) + "@x.org", "password", "p".repeat(100_000))))
                .post("/api/users/login").then().statusCode(422)
                .body("errors.email", contains("must be at most 254 characters"))
                .body("errors.password", contains("must be at most 256 bytes"));

        as(user).body(Map.of("user", Map.of("bio", "b".repeat(2000), "image",
                "https://example.org/" + "i".repeat(1980)))).put("/api/user").then().statusCode(200);
    }
}
