package org.colloquy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfiles of the applications, checked as text since no Docker engine runs the build: who the process runs
 * as, which port it exposes, and that deploy/build-images.sh builds every one of them.
 */
class ContainerImagesTest {

    static Stream<ServiceConfig> applications() {
        return ServiceConfig.ALL.stream().map(ServiceConfig::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void imageRunsAsANumericNonRootUser(ServiceConfig app) {
        String user = instruction(app, "USER");
        assertThat(user).as("%s USER", app.name()).matches("\\d+");
        assertThat(Integer.parseInt(user)).as("%s USER", app.name()).isPositive();
        // The Deployment runs as the same user, so runAsNonRoot can be checked by the kubelet.
        assertThat(ServiceConfig.read(RenderedOverlay.KUBERNETES.resolve("base").resolve(app.name())
                .resolve("deployment.yaml"))).as("%s deployment runAsUser", app.name())
                .contains("runAsUser: " + user);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void imageExposesTheHttpPort(ServiceConfig app) {
        assertThat(instruction(app, "EXPOSE")).as("%s EXPOSE", app.name()).isEqualTo(Integer.toString(app.httpPort()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void imageIsContainerAwareAndCopiesTheLibrariesFirst(ServiceConfig app) {
        String dockerfile = ServiceConfig.read(dockerfile(app.name()));
        assertThat(instruction(app, "FROM")).as("%s base image pinned", app.name()).matches("[^:]+:[^:]+")
                .doesNotEndWith(":latest");
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        // The collector the launcher uses (deploy/README.md, "JVM settings"), also as the base image's GC setting,
        // which it would otherwise add beside ours: two collectors and the JVM refuses to start.
        assertThat(dockerfile).as("%s collector", app.name()).contains("ENV GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC\"")
                .containsPattern("ENV JAVA_OPTS=\"[^\"]*-XX:\\+UseSerialGC");
        // Dependencies change least often: their layer comes first and stays cached when only the code changes.
        assertThat(dockerfile.indexOf("target/quarkus-app/lib/")).as("%s copies lib/ before app/", app.name())
                .isPositive().isLessThan(dockerfile.indexOf("target/quarkus-app/app/"));
    }

    @Test
    void buildScriptBuildsEveryImageAndOnlyThose() throws IOException {
        try (Stream<Path> modules = Files.list(ServiceConfig.ROOT)) {
            List<String> withDockerfile = modules.filter(module -> Files.exists(dockerfile(module.getFileName()
                    .toString()))).map(module -> module.getFileName().toString()).toList();
            // The script finds the modules by their Dockerfile; every one of them must be deployed.
            assertThat(withDockerfile).containsExactlyInAnyOrderElementsOf(ServiceConfig.ALL);
        }
        Path script = ServiceConfig.ROOT.resolve("deploy/build-images.sh");
        assertThat(Files.isExecutable(script)).as("deploy/build-images.sh is executable").isTrue();
        assertThat(ServiceConfig.read(script)).contains("src/main/docker/Dockerfile.jvm");
    }

    private static String instruction(ServiceConfig app, String name) {
        List<String> values = ServiceConfig.read(dockerfile(app.name())).lines()
                .filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length() + 1).trim())
                .toList();
        assertThat(values).as("%s %s instructions", app.name(), name).hasSize(1);
        return values.get(0);
    }

    private static Path dockerfile(String module) {
        return ServiceConfig.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
    }
}
