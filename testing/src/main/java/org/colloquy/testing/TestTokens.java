package org.colloquy.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Tokens as user-service issues them, signed with the test key, for tests of the services that verify them. */
public final class TestTokens {

    public static final String ISSUER = "https://colloquy.org";

    public static String forUser(String userId, String username, String... roles) {
        return sign(userId, username, Set.of(roles), Instant.now().plus(Duration.ofHours(1)), privateKey());
    }

    /**
     * A token as user-service issues it after {@code version} revocations of the user's sessions (claim {@code ver}).
     */
    public static String atVersion(String userId, String username, long version, String... roles) {
        return sign(userId, username, Set.of(roles), Instant.now().plus(Duration.ofHours(1)), privateKey(),
                Map.of("ver", version));
    }

    public static String expired(String userId, String username) {
        return sign(userId, username, Set.of("user"), Instant.now().minus(Duration.ofMinutes(10)), privateKey());
    }

    public static String signedWithAnotherKey(String userId, String username) {
        return sign(userId, username, Set.of("user"), Instant.now().plus(Duration.ofHours(1)),
                TestKeys.generate().getPrivate());
    }

    private static String sign(String userId, String username, Set<String> roles, Instant expiresAt, PrivateKey key) {
        return sign(userId, username, roles, expiresAt, key, Map.of());
    }

    private static String sign(String userId, String username, Set<String> roles, Instant expiresAt, PrivateKey key,
            Map<String, Object> claims) {
        Set<String> groups = new java.util.HashSet<>(roles);
        groups.add("user");
        JwtClaimsBuilder token = Jwt.issuer(ISSUER).subject(userId).upn(username).preferredUserName(username)
                .groups(groups).issuedAt(Instant.now().minus(Duration.ofMinutes(20))).expiresAt(expiresAt);
        claims.forEach(token::claim);
        return token.sign(key);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(java.nio.file.Files.readString(TestKeys.get().privateKey()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the test signing key", e);
        }
    }

    private TestTokens() {
    }
}
