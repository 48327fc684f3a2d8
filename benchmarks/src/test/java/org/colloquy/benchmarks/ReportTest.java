package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void theReportListsTheEnvironmentTheRowsThePointsAndTheNotes() {
        Results results = new Results();
        results.environment.put("machine", "2 CPUs");
        results.row("1. Write path", "POST /api/articles: p99", "12 ms", "3.0 ms", "4.00×", "≤ 10×", true);
        results.row("1. Write path", "POST /api/articles: CPU", "1.0 ms", "–", "–", "–", null);
        results.latencyPoints.add(new Results.Point("event latency", 4.5, 6, 9.25, 12, 20));
        results.latencyPoints.add(new Results.Point("EndToEndLatency", 1, Double.NaN, 2, 3, Double.NaN));
        results.note("platform started in 40.0 s");

        assertThat(new Report(results).markdown("2026-12-03T0745Z")).isEqualTo("""
                # Colloquy benchmark, 2026-12-03T0745Z

                Written by `./benchmarks/run.sh` (see [the benchmark's README](../../README.md) for what each \
                scenario does and how to read this). Every figure below comes from this one run, on this machine, \
                with the baselines run in the same run.

                | | |
                | --- | --- |
                | machine | 2 CPUs |

                ## Results against the targets

                | scenario | measure | Colloquy | baseline | ratio | target | result |
                | --- | --- | --- | --- | --- | --- | --- |
                | 1. Write path | POST /api/articles: p99 | 12 ms | 3.0 ms | 4.00× | ≤ 10× | **PASS** |
                | 1. Write path | POST /api/articles: CPU | 1.0 ms | – | – | – | – |

                ## Latency percentiles (ms) of the measured points

                ![latency percentiles and throughput](latency-throughput.png)

                | point | offered rate | p50 | p90 | p99 | p99.9 |
                | --- | --- | --- | --- | --- | --- |
                | event latency | 20/s | 4.50 | 6.00 | 9.25 | 12.00 |
                | EndToEndLatency | – | 1.00 | – | 2.00 | 3.00 |

                ## Log of the run

                - platform started in 40.0 s
                """);
    }

    @Test
    void failedScenariosGetASectionOfTheirOwnOnOneLineEach() {
        Results results = new Results();
        results.failures.add("drain: java.lang.IllegalStateException: stuck\nat line 2");

        assertThat(new Report(results).markdown("x"))
                .contains("\n## Scenarios that failed\n\n- drain: java.lang.IllegalStateException: stuck at line 2\n"
                        + "\n## Latency percentiles");
    }

    @Test
    void aMissedTargetIsBold() {
        Results results = new Results();
        results.row("6. Footprint", "api-gateway: RSS", "300 MiB", "100 MiB", "3.00×", "≤ 1.5×", false);

        assertThat(new Report(results).markdown("x")).contains("| 3.00× | ≤ 1.5× | **MISS** |\n");
    }
}
