package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UsersAndArticlesTest {

    @Test
    void theSubjectOfATokenIsTheUserId() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"0b7a6c1e-8f3d-4c2a-9e5b-1d2f3a4b5c6d\",\"upn\":\"reader\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(UsersAndArticles.subject("eyJhbGciOiJSUzI1NiJ9." + payload + ".signature"))
                .isEqualTo("0b7a6c1e-8f3d-4c2a-9e5b-1d2f3a4b5c6d");
    }

    @Test
    void somethingElseIsNotAToken() {
        assertThatThrownBy(() -> UsersAndArticles.subject("not-a-jwt")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Not a JWT with a subject");
    }
}
