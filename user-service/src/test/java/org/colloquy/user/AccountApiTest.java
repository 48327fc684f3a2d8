package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.user.Users.PASSWORD;
import static org.colloquy.user.Users.as;
import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.colloquy.user.service.PasswordHasher;
import org.junit.jupiter.api.Test;

/** Registration, log-in and the current user, with their error cases, as the RealWorld spec lists them. */
@QuarkusTest
@UserServiceTest
class AccountApiTest {

    @Inject
    Pool pool;

    @Inject
    PasswordHasher hasher;

    @Test
    void registrationAnswers201WithTheUserAndAToken() {
        String username = Users.unique("Anna");
        json().body(Map.of("user", Map.of("username", username, "email", username + "@Example.org",
                "password", PASSWORD))).post("/api/users")
                .then().statusCode(201)
                .body("user.username", equalTo(username))
                .body("user.email", equalTo(username + "@Example.org"))
                .body("user.bio", nullValue())
                .body("user.image", nullValue())
                .body("user.token", notNullValue());
    }

    @Test
    void tokenCarriesTheClaimsEveryServiceNeeds() {
        Users.Registered user = Users.register("claims");
        Map<String, Object> claims = Users.claims(user.token());

        assertThat(claims.get("sub").toString()).hasSize(36);
        assertThat(claims).containsEntry("upn", user.username()).containsEntry("preferred_username", user.username())
                .containsEntry("iss", "https://colloquy.org").containsEntry("ver", 0).containsKey("exp");
        assertThat(Users.groups(user.token())).containsExactly("user");
    }

    @Test
    void storedPasswordIsAnArgon2HashThatVerifies() {
        Users.Registered user = Users.register("hash");

        String stored = pool.preparedQuery("select password_hash from app_user where username = $1")
                .execute(Tuple.of(user.username())).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);

        assertThat(stored).doesNotContain(PASSWORD).startsWith("$argon2id$");
        assertThat(hasher.matches(PASSWORD, stored).await().atMost(Duration.ofSeconds(10))).isTrue();
        assertThat(hasher.matches(PASSWORD + "!", stored).await().atMost(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void takenUsernameOrEmailIsAConflictRegardlessOfCase() {
        Users.Registered taken = Users.register("taken");

        json().body(Map.of("user", Map.of("username", taken.username().toUpperCase(), "email", "other-"
                + taken.email(), "password", PASSWORD))).post("/api/users")
                .then().statusCode(409).body("errors.username", contains("has already been taken"));
        json().body(Map.of("user", Map.of("username", Users.unique("fresh"), "email", taken.email().toUpperCase(),
                "password", PASSWORD))).post("/api/users")
                .then().statusCode(409).body("errors.email", contains("has already been taken"));
    }

    @Test
    void invalidRegistrationsAnswer422WithEveryProblem() {
        json().body(Map.of("user", Map.of("username", "", "email", "not-an-email", "password", "short")))
                .post("/api/users")
                .then().statusCode(422)
                .body("errors.username", contains("can't be blank"))
                .body("errors.email", contains("is invalid"))
                .body("errors.password", contains("must be at least 8 characters"));
        json().body(Map.of("user", Map.of("username", Users.unique("long"), "email", Users.unique("l") + "@x.org",
                "password", "ä".repeat(129)))).post("/api/users")
                .then().statusCode(422).body("errors.password", contains("must be at most 256 bytes"));
        json().body(Map.of("user", Map.of("username", "has space", "email", Users.unique("s") + "@x.org",
                "password", PASSWORD))).post("/api/users")
                .then().statusCode(422).body("errors.username", contains(containsString("letters, digits")));
    }

    @Test
    void missingWrapperOrMalformedJsonIs422NotA500() {
        json().body(Map.of("username", "x")).post("/api/users")
                .then().statusCode(422).body("errors.user", contains("can't be blank"));
        json().body("{\"user\": {\"username\": ").post("/api/users")
                .then().statusCode(422).body("errors", notNullValue());
        json().body("{\"user\": {\"username\": [1, 2]}}").post("/api/users")
                .then().statusCode(422).body("errors", notNullValue());
    }

    @Test
    void loginAnswersTheUserWithAFreshToken() {
        Users.Registered user = Users.register("login");

        json().body(Map.of("user", Map.of("email", user.email().toUpperCase(), "password", PASSWORD)))
                .post("/api/users/login")
                .then().statusCode(200)
                .body("user.username", equalTo(user.username()))
                .body("user.token", notNullValue());
    }

    @Test
    void wrongPasswordOrUnknownEmailIs401() {
        Users.Registered user = Users.register("wrong");

        json().body(Map.of("user", Map.of("email", user.email(), "password", "not the password")))
                .post("/api/users/login")
                .then().statusCode(401).body("errors.credentials", contains("invalid"));
        json().body(Map.of("user", Map.of("email", "nobody-" + user.email(), "password", PASSWORD)))
                .post("/api/users/login")
                .then().statusCode(401).body("errors.credentials", contains("invalid"));
        json().body(Map.of("user", Map.of("email", ""))).post("/api/users/login")
                .then().statusCode(422).body("errors.email", contains("can't be blank"))
                .body("errors.password", contains("can't be blank"));
    }

    @Test
    void currentUserNeedsAValidTokenInEitherScheme() {
        Users.Registered user = Users.register("current");

        as(user).get("/api/user").then().statusCode(200)
                .body("user.username", equalTo(user.username()))
                .body("user.email", equalTo(user.email()))
                .body("user.token", equalTo(user.token()));
        json().header("Authorization", "Bearer " + user.token()).get("/api/user")
                .then().statusCode(200).body("user.username", equalTo(user.username()));
        json().get("/api/user").then().statusCode(401).body("errors.token", contains("is missing"));
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndStoresEmptyAsNull() {
        Users.Registered user = Users.register("update");

        as(user).body(Map.of("user", Map.of("bio", "Schreibt über Wärmepumpen", "image",
                "https://example.org/me.png"))).put("/api/user")
                .then().statusCode(200)
                .body("user.bio", equalTo("Schreibt über Wärmepumpen"))
                .body("user.image", equalTo("https://example.org/me.png"))
                .body("user.username", equalTo(user.username()));
        as(user).body(Map.of("user", Map.of("bio", "", "image", ""))).put("/api/user")
                .then().statusCode(200).body("user.bio", nullValue()).body("user.image", nullValue());
    }

    @Test
    void updateRejectsUnsafeImagesAndTakenNames() {
        Users.Registered user = Users.register("unsafe");
        Users.Registered other = Users.register("other");

        as(user).body(Map.of("user", Map.of("image", "javascript:alert(1)"))).put("/api/user")
                .then().statusCode(422).body("errors.image", contains("must be an http(s) URL"));
        as(user).body(Map.of("user", Map.of("username", other.username()))).put("/api/user")
                .then().statusCode(409).body("errors.username", contains("has already been taken"));
        as(user).body(Map.of("user", Map.of("email", other.email()))).put("/api/user")
                .then().statusCode(409).body("errors.email", contains("has already been taken"));
    }

    @Test
    void changedPasswordAndUsernameWorkAtNextLogin() {
        Users.Registered user = Users.register("change");
        String newName = Users.unique("renamed");

        String token = as(user).body(Map.of("user", Map.of("password", "a brand new secret", "username", newName)))
                .put("/api/user").then().statusCode(200).body("user.username", equalTo(newName))
                .extract().path("user.token");

        assertThat(Users.claims(token)).containsEntry("upn", newName);
        json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD))).post("/api/users/login")
                .then().statusCode(401);
        json().body(Map.of("user", Map.of("email", user.email(), "password", "a brand new secret")))
                .post("/api/users/login").then().statusCode(200).body("user.username", equalTo(newName));
    }

    @Test
    void unknownPathsAnswerInTheErrorShape() {
        json().get("/api/nothing-here").then().statusCode(404).body("errors.resource", contains("not found"));
    }
}
