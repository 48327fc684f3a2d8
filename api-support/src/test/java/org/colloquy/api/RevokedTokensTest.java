package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class RevokedTokensTest {

    @Test
    void aTokenWithoutVersionIsVersionZero() {
        assertThat(RevokedTokens.version(token(null))).isZero();
    }

    @Test
    void readsTheVersionAsTheJwtLibraryHandsItOver() {
        assertThat(RevokedTokens.version(token(3L))).isEqualTo(3);
        assertThat(RevokedTokens.version(token(Json.createValue(7L)))).isEqualTo(7);
        assertThat(RevokedTokens.version(token("2"))).isEqualTo(2);
    }

    @Test
    void aVersionThatIsNoWholeNumberIsRefused() {
        assertThatThrownBy(() -> RevokedTokens.version(token("latest")))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> RevokedTokens.version(token(Json.createValue(1.5))))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> RevokedTokens.version(token(true)))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void onlyAUuidSubjectNamesAUser() {
        assertThat(RevokedTokens.isUserId("3f6c1a52-8d0e-4b7e-9a1f-5c2d8e4b7a10")).isTrue();
        assertThat(RevokedTokens.isUserId("admin")).isFalse();
        assertThat(RevokedTokens.isUserId("")).isFalse();
        assertThat(RevokedTokens.isUserId(null)).isFalse();
    }

    private static JsonWebToken token(Object version) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", FakeToken.SUBJECT);
        if (version != null) {
            claims.put(RevokedTokens.CLAIM, version);
        }
        return new FakeToken(claims, new AtomicInteger());
    }
}
