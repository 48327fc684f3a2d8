package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.user.Users.PASSWORD;
import static org.colloquy.user.Users.as;
import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles granted only by admins (the first from configuration), and throttled log-in failures. */
@QuarkusTest
@UserServiceTest
class RolesAndThrottleTest {

    /** Configured in the test profile as initial admins; only CHIEF exists when the service starts. */
    static final String CHIEF = "chief-admin";
    static final String LATE = "late-admin";

    @Test
    void onlyAnAdminCanGrantRolesAndTheyArriveWithTheNextToken() {
        Users.Registered admin = initialAdmin();
        Users.Registered user = Users.register("mod");
        Users.Registered someone = Users.register("someone");

        as(someone).body(Map.of("roles", List.of("moderator"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(403);
        json().body(Map.of("roles", List.of("admin"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(401);
        as(admin).body(Map.of("roles", List.of("moderator"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(200).body("user.roles", containsInAnyOrder("moderator", "user"));
        as(user).get("/api/user").then().statusCode(401);

        String token = json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");
        assertThat(Users.groups(token)).containsExactlyInAnyOrder("moderator", "user");
    }

    @Test
    void rolesMustBeKnownAndAnAdminKeepsTheirOwn() {
        Users.Registered admin = initialAdmin();
        Users.Registered user = Users.register("bad-role");

        as(admin).body(Map.of("roles", List.of("superuser"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(422).body("errors.roles", notNullValue());
        as(admin).body(Map.of("roles", List.of("user"))).put("/api/admin/users/{u}/roles", admin.username())
                .then().statusCode(422);
        as(admin).body(Map.of("roles", List.of("moderator"))).put("/api/admin/users/{u}/roles", Users.unique("x"))
                .then().statusCode(404);
    }

    @Test
    void repeatedFailuresForOneAccountAre429WithRetryAfter() {
        Users.Registered user = Users.register("guessed");
        for (int attempt = 0; attempt < 5; attempt++) {
            json().body(Map.of("user", Map.of("email", user.email(), "password", "guess " + attempt)))
                    .post("/api/users/login").then().statusCode(401);
        }

        json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("errors.credentials", contains(org.hamcrest.Matchers.startsWith("too many attempts")));
    }

    @Test
    void repeatedFailuresFromOneAddressAre429() {
        String address = Users.randomAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            Users.from(address)
                    .body(Map.of("user", Map.of("email", Users.unique("nobody") + "@x.org", "password", "guess")))
                    .post("/api/users/login").then().statusCode(401);
        }
        Users.Registered user = Users.register("innocent");

        Users.from(address)
                .body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(429).header("Retry-After", notNullValue());
        json().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200);
    }

    /** Listed, but registered only after start-up: whoever takes the name gets no admin role. */
    @Test
    void anInitialAdminNameRegisteredAfterStartUpIsNoAdmin() {
        String token = json().body(Map.of("user", Map.of("username", LATE, "email", LATE + "@example.org",
                "password", PASSWORD))).post("/api/users").then().statusCode(201).extract().path("user.token");

        assertThat(Users.groups(token)).containsExactly("user");
        String again = json().body(Map.of("user", Map.of("email", LATE + "@example.org", "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");
        assertThat(Users.groups(again)).containsExactly("user");
        json().header("Authorization", "Token " + again).body(Map.of("roles", List.of("admin")))
                .put("/api/admin/users/{u}/roles", LATE).then().statusCode(403);
    }

    /** The account exists before start-up (test data migration), so start-up made it admin. */
    static Users.Registered initialAdmin() {
        String token = json().body(Map.of("user", Map.of("email", CHIEF + "@example.org", "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");
        assertThat(Users.groups(token)).contains("admin");
        return new Users.Registered(CHIEF, CHIEF + "@example.org", token);
    }
}
