package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.user.Users.PASSWORD;
import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The log-in and registration throttles hold against parallel guesses, spelling tricks and spoofed addresses. */
@QuarkusTest
@UserServiceTest
class ThrottleTest {

    @Test
    void parallelWrongPasswordsGetNoMoreThanTheLimitOf401s() throws Exception {
        Users.Registered user = Users.register("parallel");
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Integer>> answers = IntStream.range(0, 10)
                    .mapToObj(attempt -> CompletableFuture.supplyAsync(() -> json()
                            .body(Map.of("user", Map.of("email", user.email(), "password", "guess " + attempt)))
                            .post("/api/users/login").statusCode(), threads))
                    .toList();
            List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();

            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(status -> status == 401).count()).isLessThanOrEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theEmailCountsAsTheLookUpReadsIt() {
        Users.Registered user = Users.register("spelled");
        for (int attempt = 0; attempt < 5; attempt++) {
            String spelling = attempt % 2 == 0 ? user.email() : " " + user.email().toUpperCase() + " ";
            json().body(Map.of("user", Map.of("email", spelling, "password", "guess " + attempt)))
                    .post("/api/users/login").then().statusCode(401);
        }

        json().body(Map.of("user", Map.of("email", user.email() + " ", "password", "guess 6")))
                .post("/api/users/login").then().statusCode(429).header("Retry-After", notNullValue());
        json().body(Map.of("user", Map.of("email", user.email().toUpperCase(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(429);
    }

    /** The gateway appends the real address; whatever a client put before it buys no fresh attempts. */
    @Test
    void aSpoofedFirstForwardedValueGivesNoFreshTries() {
        String address = Users.randomAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            Users.from(Users.randomAddress() + ", " + address)
                    .body(Map.of("user", Map.of("email", Users.unique("nobody") + "@x.org", "password", "guess")))
                    .post("/api/users/login").then().statusCode(401);
        }
        Users.Registered innocent = Users.register("spoofed");

        Users.from(Users.randomAddress() + ", " + address)
                .body(Map.of("user", Map.of("email", innocent.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(429).header("Retry-After", notNullValue());
        Users.from(address)
                .body(Map.of("user", Map.of("email", innocent.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(429);
    }

    @Test
    void successfulLogInsDoNotUseUpTheAddress() {
        Users.Registered user = Users.register("regular");
        String address = Users.randomAddress();
        for (int attempt = 0; attempt < 25; attempt++) {
            Users.from(address).body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                    .post("/api/users/login").then().statusCode(200);
        }
    }

    @Test
    void registrationsPerAddressAreLimited() {
        String address = Users.randomAddress();
        for (int attempt = 0; attempt < 10; attempt++) {
            String username = Users.unique("batch");
            Users.from(address).body(Map.of("user", Map.of("username", username, "email", username + "@x.org",
                    "password", PASSWORD))).post("/api/users").then().statusCode(201);
        }
        String username = Users.unique("batch");

        Users.from(address).body(Map.of("user", Map.of("username", username, "email", username + "@x.org",
                "password", PASSWORD))).post("/api/users")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("errors.registration", contains(startsWith("too many attempts")));
        Users.from(Users.randomAddress()).body(Map.of("user", Map.of("username", username, "email",
                username + "@x.org", "password", PASSWORD))).post("/api/users").then().statusCode(201);
    }
}
