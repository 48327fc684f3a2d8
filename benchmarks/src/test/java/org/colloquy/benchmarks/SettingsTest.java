package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void allOrNothingSelectsEveryScenario() {
        assertThat(List.of("all", " all ", "", "  ")).allMatch(scenarios -> Settings.selects(scenarios, "footprint"));
    }

    @Test
    void aListSelectsExactlyTheScenariosItNames() {
        String scenarios = "read path, closed model";

        assertThat(Stream.of("write path", "read path", "closed model", "read", "footprint")
                .filter(scenario -> Settings.selects(scenarios, scenario)))
                .containsExactly("read path", "closed model");
    }
}
