package org.colloquy.api;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once, not on every request: the RSA signature check and the claim parsing were a third of
 * article-service's CPU on a signed-in read (async-profiler under the closed-model benchmark), where a reader sends
 * the same token with every request. A token the parser accepted is answered from memory until it expires, or
 * {@code colloquy.jwt.verified-tokens.max-age} after it was verified (so that a key withdrawn from a JWKS stops
 * counting within that time), whichever comes first. A token the parser refuses is never remembered: a forged or
 * expired token costs a full verification every time, as before. Revoked sessions are still refused on every request
 * ({@link RevokedTokens} checks the version of the token it is handed, remembered or not).
 *
 * <p>At most {@code colloquy.jwt.verified-tokens.max-size} tokens are held (0 turns the memory off); when it is full,
 * the expired ones go, and if that frees nothing, all of them. A remembered token also converts each claim once
 * ({@link ClaimsOnce}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final JWTParser parser;
    private final int maxSize;
    private final long maxAgeMillis;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser parser,
            @ConfigProperty(name = "colloquy.jwt.verified-tokens.max-size", defaultValue = "10000") int maxSize,
            @ConfigProperty(name = "colloquy.jwt.verified-tokens.max-age", defaultValue = "5m") Duration maxAge) {
        this(parser, maxSize, maxAge, Clock.systemUTC());
    }

    VerifiedTokens(JWTParser parser, int maxSize, Duration maxAge, Clock clock) {
        this.parser = parser;
        this.maxSize = Math.max(0, maxSize);
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        if (maxSize == 0) {
            return parser.parse(bearerToken);
        }
        long now = clock.millis();
        Verified known = verified.get(bearerToken);
        if (known != null) {
            if (now < known.validUntilMillis()) {
                return known.token();
            }
            verified.remove(bearerToken, known);
        }
        JsonWebToken token = new ClaimsOnce(parser.parse(bearerToken));
        remember(bearerToken, token, now);
        return token;
    }

    /**
     * A verified token whose claims are each converted once: smallrye-jwt builds a claim's value anew on every call,
     * and for a name outside the standard claims (our {@code ver}, read by {@link RevokedTokens} on every request)
     * throws and catches an exception first: 5.6% of comment-service's CPU on a signed-in read.
     */
    static final class ClaimsOnce implements JsonWebToken {

        private final JsonWebToken token;
        private final Map<String, Optional<Object>> claims = new ConcurrentHashMap<>();

        ClaimsOnce(JsonWebToken token) {
            this.token = token;
        }

        @Override
        public String getName() {
            return token.getName();
        }

        @Override
        public Set<String> getClaimNames() {
            return token.getClaimNames();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.computeIfAbsent(name, claim -> Optional.ofNullable(token.getClaim(claim))).orElse(null);
        }

        @Override
        public String toString() {
            return token.toString();
        }
    }

    int size() {
        return verified.size();
    }

    private void remember(String bearerToken, JsonWebToken token, long now) {
        long expiresMillis = token.getExpirationTime() * 1000;
        if (expiresMillis <= now) {
            return; // no exp claim, or accepted within the clock skew only: verified again next time
        }
        if (verified.size() >= maxSize) {
            verified.values().removeIf(entry -> entry.validUntilMillis() <= now);
            if (verified.size() >= maxSize) {
                verified.clear();
            }
        }
        verified.put(bearerToken, new Verified(token, Math.min(expiresMillis, now + maxAgeMillis)));
    }

    // Not on the request path: handed to the parser as they are.

    @Override
    public JsonWebToken parse(String bearerToken, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(bearerToken, context);
    }

    @Override
    public JsonWebToken verify(String bearerToken, PublicKey key) throws ParseException {
        return parser.verify(bearerToken, key);
    }

    @Override
    public JsonWebToken verify(String bearerToken, SecretKey key) throws ParseException {
        return parser.verify(bearerToken, key);
    }

    @Override
    public JsonWebToken verify(String bearerToken, String secret) throws ParseException {
        return parser.verify(bearerToken, secret);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, PrivateKey key) throws ParseException {
        return parser.decrypt(bearerToken, key);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, SecretKey key) throws ParseException {
        return parser.decrypt(bearerToken, key);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, String secret) throws ParseException {
        return parser.decrypt(bearerToken, secret);
    }

    @Override
    public JsonWebToken parseOnly(String bearerToken) throws ParseException {
        return parser.parseOnly(bearerToken);
    }
}
