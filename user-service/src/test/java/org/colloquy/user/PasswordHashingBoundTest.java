package org.colloquy.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A burst of registrations hashes at most {@code colloquy.users.password.max-concurrent} passwords at once (each
 * Argon2id hash holds its memory cost while it runs); the rest wait their turn and still succeed.
 */
@QuarkusTest
@UserServiceTest
class PasswordHashingBoundTest {

    @Test
    void aBurstOfRegistrationsHashesOnABoundedPoolAndEveryOneSucceeds() {
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<CompletableFuture<Integer>> answers = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        String name = "burst" + UUID.randomUUID().toString().substring(0, 8);
                        return Users.json().body(Map.of("user", Map.of("username", name,
                                "email", name + "@example.org", "password", Users.PASSWORD)))
                                .post("/api/users").statusCode();
                    }, clients))
                    .toList();
            assertThat(answers.stream().map(CompletableFuture::join).toList()).containsOnly(201);
        } finally {
            clients.shutdownNow();
        }

        long hashingThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("password-hashing")).count();
        assertThat(hashingThreads).isBetween(1L, 2L); // %test: max-concurrent=2
    }
}
