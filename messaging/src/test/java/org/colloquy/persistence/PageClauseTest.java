package org.colloquy.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageClauseTest {

    @Test
    void writesThePageIntoTheStatement() {
        assertThat(PageClause.of(20, 0)).isEqualTo(" limit 20 offset 0");
        assertThat(PageClause.of(100, 4500)).isEqualTo(" limit 100 offset 4500");
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> PageClause.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageClause.of(20, -20)).isInstanceOf(IllegalArgumentException.class);
    }
}
