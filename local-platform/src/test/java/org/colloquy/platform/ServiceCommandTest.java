package org.colloquy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceCommandTest {

    private static final Path ROOT = Path.of("/colloquy");
    private static final JwtKeys KEYS = new JwtKeys(Path.of("/keys/private.pem"), Path.of("/keys/public.pem"));

    private final PlatformConfig config = new PlatformConfig(ROOT, ROOT.resolve(".local"),
            "jdbc:postgresql://db.example:5433/postgres?sslmode=disable", "colloquy", "secret", "colloquy_test_",
            19092, 19093, Map.of(PlatformService.USER, 18081, PlatformService.ARTICLE, 18082,
                    PlatformService.COMMENT, 18083, PlatformService.NOTIFICATION, 18084, PlatformService.GATEWAY,
                    18080), Map.of("quarkus.datasource.reactive.max-size", "5"));
    private final ServiceCommand command = new ServiceCommand(config, new AotCache(Optional.empty()), KEYS);

    @Test
    void aServiceIsWiredToItsPortKafkaItsDatabaseAndThePublicKey() {
        assertThat(command.systemProperties(PlatformService.ARTICLE))
                .containsEntry("quarkus.http.port", "18082")
                .containsEntry("kafka.bootstrap.servers", "localhost:19092")
                .containsEntry("colloquy.jwt.public-key-location", "file:/keys/public.pem")
                .containsEntry("quarkus.datasource.jdbc.url",
                        "jdbc:postgresql://db.example:5433/colloquy_test_article?sslmode=disable")
                .containsEntry("quarkus.datasource.reactive.url",
                        "postgresql://db.example:5433/colloquy_test_article?sslmode=disable")
                .containsEntry("quarkus.datasource.username", "colloquy")
                .containsEntry("quarkus.datasource.password", "secret")
                .doesNotContainKeys("quarkus.management.port", "colloquy.jwt.private-key-location");
    }

    @Test
    void onlyUserServiceGetsThePrivateKey() {
        assertThat(command.systemProperties(PlatformService.USER))
                .containsEntry("colloquy.jwt.private-key-location", "file:/keys/private.pem");
    }

    @Test
    void theGatewayGetsItsManagementPortAndEveryUpstreamButNoDatabase() {
        assertThat(command.systemProperties(PlatformService.GATEWAY))
                .containsEntry("quarkus.http.port", "18080")
                .containsEntry("quarkus.management.port", "19080")
                .containsEntry("colloquy.gateway.upstreams.user-service", "http://localhost:18081")
                .containsEntry("colloquy.gateway.upstreams.notification-service", "http://localhost:18084")
                .doesNotContainKeys("quarkus.datasource.jdbc.url", "colloquy.jwt.private-key-location");
    }

    @Test
    void withReplicasEachInstanceHasItsPortAndTheGatewayListsThemAll() {
        ServiceCommand replicated = new ServiceCommand(config.withReplicas(2), new AotCache(Optional.empty()), KEYS);

        assertThat(replicated.systemProperties(new ServiceInstance(PlatformService.ARTICLE, 1)))
                .containsEntry("quarkus.http.port", "18182")
                .containsEntry("quarkus.datasource.jdbc.url",
                        "jdbc:postgresql://db.example:5433/colloquy_test_article?sslmode=disable");
        assertThat(replicated.systemProperties(PlatformService.GATEWAY))
                .containsEntry("quarkus.http.port", "18080")
                .containsEntry("colloquy.gateway.upstreams.user-service",
                        "http://localhost:18081,http://localhost:18181")
                .containsEntry("colloquy.gateway.upstreams.notification-service",
                        "http://localhost:18084,http://localhost:18184");
        assertThat(config.withReplicas(2).instances(PlatformService.GATEWAY)).hasSize(1);
        assertThat(config.withReplicas(3).instances(PlatformService.COMMENT)).extracting(ServiceInstance::name)
                .containsExactly("comment-service", "comment-service-2", "comment-service-3");
    }

    @Test
    void theNumberOfReplicasIsOneToNineAndTakenFromTheCommandLine() {
        assertThat(LocalPlatform.replicas(new String[0])).isEqualTo(1);
        assertThat(LocalPlatform.replicas(new String[] {"--replicas", "3"})).isEqualTo(3);
        assertThatThrownBy(() -> LocalPlatform.replicas(new String[] {"--replicas", "two"}))
                .isInstanceOf(StartupFailure.class).hasMessageContaining("takes a number");
        assertThatThrownBy(() -> LocalPlatform.replicas(new String[] {"--replica", "2"}))
                .isInstanceOf(StartupFailure.class).hasMessageContaining("Unknown arguments");
        assertThatThrownBy(() -> config.withReplicas(0)).isInstanceOf(StartupFailure.class);
        assertThatThrownBy(() -> config.withReplicas(PlatformConfig.MAX_REPLICAS + 1))
                .isInstanceOf(StartupFailure.class).hasMessageContaining("1 to 9");
    }

    @Test
    void theConfigsExtraPropertiesWinOverThePlatformsOwn() {
        ServiceCommand overridden = new ServiceCommand(config.withExtraProperties(Map.of("kafka.bootstrap.servers",
                "elsewhere:9092")), new AotCache(Optional.empty()), KEYS);

        assertThat(command.systemProperties(PlatformService.COMMENT))
                .containsEntry("quarkus.datasource.reactive.max-size", "5");
        assertThat(overridden.systemProperties(PlatformService.COMMENT))
                .containsEntry("kafka.bootstrap.servers", "elsewhere:9092");
    }

    @Test
    void theCommandLineIsJvmOptionsThenSettingsThenTheCallersArgumentsThenTheJar() {
        List<String> line = command.command(new ServiceInstance(PlatformService.COMMENT, 0),
                List.of("-Dquarkus.http.port=1"));

        assertThat(line.get(0)).isEqualTo(LocalPlatform.javaExecutable());
        assertThat(line.subList(1, 1 + LocalPlatform.JVM_OPTIONS.size())).isEqualTo(LocalPlatform.JVM_OPTIONS);
        assertThat(line).containsSubsequence("-Dquarkus.http.port=18083", "-Dquarkus.http.port=1", "-jar",
                ROOT.resolve("comment-service/target/quarkus-app/quarkus-run.jar").toString());
        assertThat(line.subList(line.size() - 3, line.size())).startsWith("-Dquarkus.http.port=1");
    }

    @Test
    void theLogFormatIsTextOrJson() {
        assertThat(ServiceCommand.jsonLogs("json")).isTrue();
        assertThat(ServiceCommand.jsonLogs(" JSON ")).isTrue();
        assertThat(ServiceCommand.jsonLogs("text")).isFalse();
        assertThat(ServiceCommand.jsonLogs("")).isFalse();
        assertThatThrownBy(() -> ServiceCommand.jsonLogs("xml")).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("COLLOQUY_LOG_FORMAT must be json or text, not 'xml'");
    }
}
