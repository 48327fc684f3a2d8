package org.colloquy.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");

    @Test
    void aNewAccountIsAUserWithNoRevokedSessions() {
        User user = User.register("jörg", "joerg@example.com", "hash", NOW);

        assertThat(user.id).isNotNull();
        assertThat(user.roleSet()).containsExactly("user");
        assertThat(user.tokenVersion).isZero();
        assertThat(user.createdAt).isEqualTo(NOW).isEqualTo(user.updatedAt);
        assertThat(User.register("anna", "anna@example.com", "hash", NOW).id).isNotEqualTo(user.id);
    }

    @Test
    void aNewPasswordEndsEveryOtherSession() {
        User user = User.register("jörg", "joerg@example.com", "hash", NOW);

        user.changePassword("new hash");

        assertThat(user.passwordHash).isEqualTo("new hash");
        assertThat(user.tokenVersion).isEqualTo(1);
    }

    @Test
    void changedRolesEndTheSessionsThatCarryTheOldOnesAndUnchangedRolesDoNot() {
        User user = User.register("jörg", "joerg@example.com", "hash", NOW);

        assertThat(user.changeRoles(Set.of("user"))).isFalse();
        assertThat(user.tokenVersion).isZero();

        assertThat(user.changeRoles(Set.of("moderator"))).isTrue();
        assertThat(user.roleSet()).containsExactlyInAnyOrder("user", "moderator");
        assertThat(user.tokenVersion).isEqualTo(1);

        assertThat(user.changeRoles(Set.of("moderator", "user"))).as("the same roles again").isFalse();
        assertThat(user.tokenVersion).isEqualTo(1);
    }

    @Test
    void grantingRolesAtStartUpEndsNoSession() {
        User user = User.register("admin", "admin@example.com", "hash", NOW);

        assertThat(user.grant(Set.of("admin"))).isTrue();
        assertThat(user.grant(Set.of("admin"))).isFalse();
        assertThat(user.tokenVersion).isZero();
    }
}
