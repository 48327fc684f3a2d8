package org.colloquy.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileRulesTest {

    @Test
    void usernamesAreShortAndSafeInUrlsAndMentions() {
        assertThat(ProfileRules.username("jürgen_m.1-2")).isEmpty();
        assertThat(ProfileRules.username(" ")).contains("can't be blank");
        assertThat(ProfileRules.username("a b")).contains("must be 1 to 40 letters, digits, '_', '.' or '-'");
        assertThat(ProfileRules.username("ä".repeat(40))).as("counted in characters").isEmpty();
        assertThat(ProfileRules.username("a".repeat(41))).contains("must be at most 40 characters");
    }

    @Test
    void passwordsHaveAMinimumInCharactersAndAMaximumInBytes() {
        assertThat(ProfileRules.password("")).contains("can't be blank");
        assertThat(ProfileRules.password("1234567")).contains("must be at least 8 characters");
        assertThat(ProfileRules.password("12345678")).isEmpty();
        assertThat(ProfileRules.password("ü".repeat(129))).contains("must be at most 256 bytes");
        assertThat(ProfileRules.loginPassword("short")).as("log-in refuses only what no account has").isEmpty();
    }

    @Test
    void emailsAreCheckedLooselyAndNormalisedForLookUps() {
        assertThat(ProfileRules.email("leserin@example.org")).isEmpty();
        assertThat(ProfileRules.email("leserin@localhost")).contains("is invalid");
        assertThat(ProfileRules.email("a@b.c".repeat(60))).contains("must be at most 254 characters");
        assertThat(ProfileRules.loginEmail("no-at-sign")).isEmpty();
        assertThat(ProfileRules.normalizedEmail(" Leserin@Example.ORG ")).isEqualTo("leserin@example.org");
    }

    @Test
    void imagesAreWebAddressesAndEmptyClears() {
        assertThat(ProfileRules.image("https://example.org/me.png")).isEmpty();
        assertThat(ProfileRules.image("javascript:alert(1)")).contains("must be an http(s) URL");
        assertThat(ProfileRules.image(null)).isEmpty();
        assertThat(ProfileRules.emptyToNull(" ")).isNull();
        assertThat(ProfileRules.bio("b".repeat(2001))).contains("must be at most 2000 characters");
    }
}
