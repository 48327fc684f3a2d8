package org.colloquy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void theNamesAreTheOnesTokensCarryInOrder() {
        assertThat(Role.NAMES).containsExactly(Role.Names.USER, Role.Names.MODERATOR, Role.Names.ADMIN)
                .containsExactly("user", "moderator", "admin");
    }

    @Test
    void moderatorsAndAdminsModerateUsersDoNot() {
        assertThat(Role.moderates(Set.of("user", "moderator"))).isTrue();
        assertThat(Role.moderates(Set.of("admin"))).isTrue();
        assertThat(Role.moderates(Set.of("user"))).isFalse();
        assertThat(Role.moderates(Set.of())).isFalse();
        assertThat(Role.moderates(Set.of("Moderator"))).as("names are exact").isFalse();
    }
}
