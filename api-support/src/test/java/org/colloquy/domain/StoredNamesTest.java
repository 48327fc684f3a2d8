package org.colloquy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredNamesTest {

    enum Rule { PRE_MODERATION, LINKS }

    private static final StoredNames<Rule> NAMES = new StoredNames<>(Rule.class);

    @Test
    void aNameIsTheConstantInLowerCaseWithHyphens() {
        assertThat(NAMES.of(Rule.PRE_MODERATION)).isEqualTo("pre-moderation");
        assertThat(NAMES.all()).containsExactly("pre-moderation", "links");
    }

    @Test
    void onlyAnExactNameFindsItsConstant() {
        assertThat(NAMES.find("links")).contains(Rule.LINKS);
        assertThat(NAMES.find("LINKS")).isEmpty();
        assertThat(NAMES.find("pre_moderation")).isEmpty();
        assertThat(NAMES.find(null)).isEmpty();
        assertThatThrownBy(() -> NAMES.parse("held")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown Rule held");
    }
}
