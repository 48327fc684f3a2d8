package org.colloquy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintTest {

    @TempDir
    Path dir;

    @Test
    void theStartTimeIsTheLastStartInTheLog() throws IOException {
        Path log = Files.writeString(dir.resolve("article-service.log"), """
                INFO  [io.quarkus] article-service 1.0.0-SNAPSHOT on JVM (powered by Quarkus) started in 8.912s.
                INFO  [io.quarkus] article-service stopped in 0.120s
                INFO  [io.quarkus] article-service 1.0.0-SNAPSHOT on JVM (powered by Quarkus) started in 4.617s.
                """);

        assertThat(Footprint.startedIn(log)).isEqualTo("4.617");
    }

    @Test
    void aLogWithoutAStartOrNoLogGivesAQuestionMark() throws IOException {
        assertThat(Footprint.startedIn(Files.writeString(dir.resolve("empty.log"), "starting\n"))).isEqualTo("?");
        assertThat(Footprint.startedIn(dir.resolve("missing.log"))).isEqualTo("?");
    }

    @Test
    void theResidentMemoryOfThisJvmIsRead() {
        assertThat(Footprint.rssKb(ProcessHandle.current())).isPositive();
    }
}
