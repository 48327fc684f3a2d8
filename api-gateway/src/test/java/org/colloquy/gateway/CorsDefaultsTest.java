package org.colloquy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.colloquy.testing.ModuleDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The origins allowed when COLLOQUY_CORS_ORIGINS is not set (./run-local.sh, docker compose, dev mode). */
class CorsDefaultsTest {

    private static final List<Pattern> DEFAULTS = defaults();

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:4173", "http://localhost:5173", "http://127.0.0.1:4200",
            "http://localhost", "https://localhost:8443", "http://127.0.0.1"})
    void aFrontendOnThisMachineIsAllowedOnAnyPort(String origin) {
        assertThat(CORSFilter.isOriginAllowedByRegex(DEFAULTS, origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost.evil.test", "http://127.0.0.1.evil.test:80", "http://evil.test",
            "http://localhost:80/path", "http://localhost:", "http://127.0.0.10:3000", "null"})
    void anythingElseIsNot(String origin) {
        assertThat(CORSFilter.isOriginAllowedByRegex(DEFAULTS, origin)).isFalse();
    }

    private static List<Pattern> defaults() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(ModuleDirectory.of(CorsDefaultsTest.class)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String value = properties.getProperty("quarkus.http.cors.origins");
        String prefix = "${COLLOQUY_CORS_ORIGINS:";
        assertThat(value).startsWith(prefix).endsWith("}");
        List<String> origins = List.of(value.substring(prefix.length(), value.length() - 1).split(","));
        return CORSFilter.parseAllowedOriginsRegex(Optional.of(origins));
    }
}
