package org.colloquy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFeatureVersionOfAJdk() throws IOException {
        assertThat(AotCache.feature(jdk("temurin-25", "25.0.3"))).contains(25);
        assertThat(AotCache.feature(jdk("openjdk-17", "17.0.15"))).contains(17);
        assertThat(AotCache.feature(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void trainsWhenTheCacheIsMissingOrOlderThanTheJar() throws IOException {
        AotCache aot = new AotCache(Optional.of(jdk("temurin-25", "25.0.3")));
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("app")).resolve("quarkus-run.jar"), "jar");
        assertThat(aot.needsTraining(jar)).isTrue();
        assertThat(aot.options(jar)).isEmpty();

        Path cache = Files.writeString(AotCache.cache(jar), "cache");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2026-12-01T10:01:00Z")));
        assertThat(aot.needsTraining(jar)).isFalse();
        assertThat(aot.options(jar)).containsExactly("-XX:AOTCache=" + cache);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T10:02:00Z"))); // rebuilt
        assertThat(aot.needsTraining(jar)).isTrue();
    }

    @Test
    void withoutAJdk25NothingIsTrainedOrMapped() throws IOException {
        AotCache aot = new AotCache(Optional.empty());
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "jar");
        Files.writeString(AotCache.cache(jar), "cache");
        assertThat(aot.needsTraining(jar)).isFalse();
        assertThat(aot.options(jar)).isEmpty();
        assertThat(aot.java()).isEqualTo(LocalPlatform.javaExecutable());
        assertThat(aot.describe()).contains("COLLOQUY_JAVA_HOME");
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
