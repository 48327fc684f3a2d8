package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Optional;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.Problems;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void problemsAreCollectedFieldByFieldInTheOrderChecked() {
        Problems problems = new Problems().check("title", Optional.of("can't be blank"))
                .check("description", Optional.empty()).check("body", Optional.of("is too long"))
                .add("title", "must be at most 300 characters");
        assertThat(problems.byField()).containsExactly(
                entry("title", List.of("can't be blank", "must be at most 300 characters")),
                entry("body", List.of("is too long")));
        Invalid invalid = problems.invalid();
        assertThat(invalid.problems()).isEqualTo(problems.byField());
    }

    @Test
    void noProblemsAreNoRefusal() {
        Problems none = new Problems().check("title", Optional.empty());
        assertThat(none.isEmpty()).isTrue();
        assertThatThrownBy(none::invalid).isInstanceOf(IllegalStateException.class);
    }
}
