package org.colloquy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.colloquy.gateway.Instances.Instance;
import org.junit.jupiter.api.Test;

class InstancesTest {

    private static final Instance A = new Instance("a", 1);
    private static final Instance B = new Instance("b", 2);
    private static final Instance C = new Instance("c", 3);

    @Test
    void theInstancesTakeTurnsAndEachRequestMayTryThemAll() {
        Instances instances = new Instances("s", List.of(A, B, C));
        assertThat(instances.order()).containsExactly(A, B, C);
        assertThat(instances.order()).containsExactly(B, C, A);
        assertThat(instances.order()).containsExactly(C, A, B);
        assertThat(instances.order()).containsExactly(A, B, C);
    }

    @Test
    void anInstanceMarkedDownIsTriedLastUntilItIsUpAgain() {
        Instances instances = new Instances("s", List.of(A, B, C));
        assertThat(instances.markDown(A)).isTrue();
        assertThat(instances.markDown(A)).as("already down").isFalse();
        assertThat(instances.order()).containsExactly(B, C, A);
        assertThat(instances.order()).containsExactly(B, C, A);
        assertThat(instances.order()).containsExactly(C, B, A);
        assertThat(instances.markUp(A)).isTrue();
        assertThat(instances.isUp(A)).isTrue();
        assertThat(instances.order()).containsExactly(A, B, C);
    }

    @Test
    void whenAllAreDownTheyAreStillTriedInTurn() {
        Instances instances = new Instances("s", List.of(A, B));
        instances.markDown(A);
        instances.markDown(B);
        assertThat(instances.order()).containsExactly(A, B);
        assertThat(instances.order()).containsExactly(B, A);
    }

    @Test
    void theConfigurationListsBaseUrlsSeparatedByCommas() {
        assertThat(Instances.parse("s", "http://a:1, http://b:2,").all()).containsExactly(A, B);
        assertThat(Instances.parse("s", "http://localhost:8081").all())
                .containsExactly(new Instance("localhost", 8081));
        assertThatThrownBy(() -> Instances.parse("s", " , ")).hasMessageContaining("names no instance");
        assertThatThrownBy(() -> Instances.parse("s", "http://a")).hasMessageContaining("host and port");
    }
}
