package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    /** Accepts "good-<exp in seconds from NOW>" (e.g. good-3600), refuses everything else; counts its calls. */
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger claimReads = new AtomicInteger();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aTokenIsVerifiedOnceAndThenAnsweredFromMemory() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5));
        JsonWebToken first = tokens.parse("good-3600");
        JsonWebToken second = tokens.parse("good-3600");
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void eachClaimIsConvertedOnce() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5));
        JsonWebToken token = tokens.parse("good-3600");
        assertThat(token.getSubject()).isEqualTo(FakeToken.SUBJECT);
        assertThat(token.<Object> getClaim("ver")).isNull();
        token.getSubject();
        token.getClaim("ver");
        assertThat(claimReads).as("exp (when remembered), sub and ver, once each").hasValue(3);
        assertThat(token.getName()).isEqualTo("anna");
        assertThat(token.getExpirationTime()).isEqualTo(NOW.getEpochSecond() + 3600);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndRefusedEveryTime() {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndThenRefused() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofHours(2));
        tokens.parse("good-60");
        now = NOW.plusSeconds(61);
        assertThatThrownBy(() -> tokens.parse("good-60")).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheMaximumAge() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5));
        tokens.parse("good-3600");
        now = NOW.plus(Duration.ofMinutes(5)).minusMillis(1);
        tokens.parse("good-3600");
        assertThat(verifications).hasValue(1);
        now = NOW.plus(Duration.ofMinutes(5));
        tokens.parse("good-3600");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theMemoryHoldsAtMostItsSize() throws ParseException {
        VerifiedTokens tokens = tokens(3, Duration.ofMinutes(5));
        for (int i = 1; i <= 10; i++) {
            tokens.parse("good-" + (3600 + i));
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void expiredTokensMakeRoomFirst() throws ParseException {
        VerifiedTokens tokens = tokens(2, Duration.ofHours(2));
        tokens.parse("good-60");
        tokens.parse("good-3600");
        now = NOW.plusSeconds(120);
        tokens.parse("good-3700");
        tokens.parse("good-3600");
        assertThat(verifications).as("good-3600 stayed, only the expired token made room").hasValue(3);
    }

    @Test
    void sizeZeroVerifiesEveryTime() throws ParseException {
        VerifiedTokens tokens = tokens(0, Duration.ofMinutes(5));
        tokens.parse("good-3600");
        tokens.parse("good-3600");
        assertThat(verifications).hasValue(2);
    }

    private VerifiedTokens tokens(int maxSize, Duration maxAge) {
        JWTParser parser = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("parse") || args.length != 1) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    verifications.incrementAndGet();
                    String raw = (String) args[0];
                    if (!raw.startsWith("good-")) {
                        throw new ParseException("signature does not match");
                    }
                    long exp = NOW.getEpochSecond() + Long.parseLong(raw.substring(5));
                    if (exp <= now.getEpochSecond()) {
                        throw new ParseException("expired");
                    }
                    return token(exp, claimReads);
                });
        return new VerifiedTokens(parser, maxSize, maxAge, clock);
    }

    private static JsonWebToken token(long exp, AtomicInteger reads) {
        return new FakeToken(Map.of("sub", FakeToken.SUBJECT, "exp", exp), reads);
    }
}
