package org.colloquy.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.platform.PlatformService;

/**
 * The users and articles the scenarios act with, made through the API at the start of a run: an author with ten
 * articles to comment on, and a reader who comments and reads signed in. Registered as a user would be, so that
 * every service has them in its replicas.
 */
record UsersAndArticles(String authorName, String authorToken, String readerToken, String readerId,
        List<String> slugs) {

    static UsersAndArticles create(Http http, BenchmarkPlatform platform) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String authorToken = register(http, platform.gateway(), "bench-author-" + run);
        String readerToken = register(http, platform.gateway(), "bench-reader-" + run);
        String readerId = subject(readerToken);
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slugs.add(http.call("POST", platform.gateway() + "/api/articles", authorToken, RequestBodies.article(
                    "Benchmark discussion " + run + " " + i)).get("article").get("slug").asText());
        }
        // Seeding, not the measured path: the per-user comment rate limit (5 a minute by default) would turn the
        // load into 429s; the moderation settings are the service's own table, read on every post.
        platform.databases().execute(platform.config().database(PlatformService.COMMENT),
                "update moderation_settings set comments_per_minute = 1000000000");
        return new UsersAndArticles("bench-author-" + run, authorToken, readerToken, readerId, List.copyOf(slugs));
    }

    /** Registers a user through the gateway; returns the user's token. */
    static String register(Http http, String gateway, String username) {
        return http.call("POST", gateway + "/api/users", null, Map.of("user", Map.of("username", username, "email",
                username + "@bench.example", "password", "benchmark-password"))).get("user").get("token").asText();
    }

    /** The user id in a token's {@code sub} claim (the token is a JWT; its signature is the services' business). */
    static String subject(String token) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return Http.JSON.readTree(payload).get("sub").asText();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Not a JWT with a subject: " + e.getMessage(), e);
        }
    }
}
