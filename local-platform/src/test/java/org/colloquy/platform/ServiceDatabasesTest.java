package org.colloquy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDatabasesTest {

    @TempDir
    Path root;

    @Test
    void theConnectionsNeededAreEveryServicesTwoPoolsFromItsPackagedPropertiesAndOneListener() throws IOException {
        packaged(PlatformService.USER, "quarkus.datasource.reactive.max-size=8\nquarkus.datasource.jdbc.max-size=2\n");
        packaged(PlatformService.ARTICLE, "quarkus.datasource.reactive.max-size=10\n");
        packaged(PlatformService.COMMENT, "");
        packaged(PlatformService.NOTIFICATION, "quarkus.datasource.jdbc.max-size=3\n");

        assertThat(new ServiceDatabases(config(Map.of())).connectionsNeeded())
                .isEqualTo(1 + (8 + 2) + (10 + 20) + (20 + 20) + (20 + 3));
    }

    @Test
    void theConfigsExtraPropertiesOverrideWhatIsPackaged() throws IOException {
        for (PlatformService service : PlatformService.BACKENDS) {
            packaged(service, "quarkus.datasource.reactive.max-size=8\n");
        }

        assertThat(new ServiceDatabases(config(Map.of("quarkus.datasource.reactive.max-size", "2",
                "quarkus.datasource.jdbc.max-size", "1"))).connectionsNeeded()).isEqualTo(1 + 4 * (2 + 1));
    }

    /** A service's quarkus-app/app folder with one jar that holds its application.properties. */
    private void packaged(PlatformService service, String properties) throws IOException {
        Path app = Files.createDirectories(root.resolve(service.name()).resolve("target/quarkus-app/app"));
        try (OutputStream file = Files.newOutputStream(app.resolve(service.name() + ".jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("application.properties"));
            jar.write(properties.getBytes(StandardCharsets.ISO_8859_1));
            jar.closeEntry();
        }
    }

    private PlatformConfig config(Map<String, String> extraProperties) {
        return new PlatformConfig(root, root.resolve(".local"), "jdbc:postgresql://127.0.0.1:5432/postgres",
                "postgres", "", "colloquy_test_", 19092, 19093, Map.of(), extraProperties);
    }
}
