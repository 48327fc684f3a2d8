package org.colloquy.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line that starts one application of the platform: the platform's JVM options, the application's
 * ahead-of-time cache, and the system properties that wire it to this platform (its ports, Kafka, its database, the
 * token keys, the gateway's upstreams). Kept apart from starting and stopping processes, so that what an application
 * is told can be read, and tested, in one place; deploy's ManifestsTest reads {@link #systemProperties} to check that
 * the manifests pass the same settings.
 */
final class ServiceCommand {

    private final PlatformConfig config;
    private final AotCache aot;
    private final JwtKeys jwtKeys;

    ServiceCommand(PlatformConfig config, AotCache aot, JwtKeys jwtKeys) {
        this.config = config;
        this.aot = aot;
        this.jwtKeys = jwtKeys;
    }

    /** {@code jvmArguments} go before {@code -jar} (a training start's options, an agent, an overriding -D). */
    List<String> command(ServiceInstance instance, List<String> jvmArguments) {
        PlatformService service = instance.service();
        List<String> command = new ArrayList<>(List.of(aot.java()));
        command.addAll(LocalPlatform.JVM_OPTIONS);
        if (jvmArguments.stream().noneMatch(argument -> argument.startsWith("-XX:AOTMode")
                || argument.startsWith("-javaagent"))) { // an agent may change classes the cache holds
            command.addAll(aot.options(config.jar(service)));
        }
        systemProperties(instance).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(jvmArguments); // after the defaults: a later -D wins
        command.addAll(List.of("-jar", config.jar(service).toString()));
        return command;
    }

    Map<String, String> systemProperties(ServiceInstance instance) {
        PlatformService service = instance.service();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(config.port(instance)));
        if (config.managementPort(instance) != config.port(instance)) {
            properties.put("quarkus.management.port", Integer.toString(config.managementPort(instance)));
        }
        properties.put("kafka.bootstrap.servers", config.bootstrapServers());
        properties.put("colloquy.jwt.public-key-location", "file:" + jwtKeys.publicKey().toAbsolutePath());
        if (service.equals(PlatformService.USER)) {
            properties.put("colloquy.jwt.private-key-location", "file:" + jwtKeys.privateKey().toAbsolutePath());
        }
        if (service.hasDatabase()) {
            String jdbcUrl = config.jdbcUrl(config.database(service));
            properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
            properties.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
            properties.put("quarkus.datasource.username", config.postgresUser());
            properties.put("quarkus.datasource.password", config.postgresPassword());
        } else {
            PlatformService.BACKENDS.forEach(backend -> properties.put("colloquy.gateway.upstreams." + backend.name(),
                    config.instances(backend).stream().map(config::baseUrl).collect(Collectors.joining(","))));
        }
        properties.put("quarkus.log.console.json.enabled", Boolean.toString(jsonLogs(
                System.getenv().getOrDefault("COLLOQUY_LOG_FORMAT", "text"))));
        properties.putAll(config.extraProperties());
        return properties;
    }

    /** What instance 0 of the application is told (deploy's ManifestsTest compares the manifests with it). */
    Map<String, String> systemProperties(PlatformService service) {
        return systemProperties(new ServiceInstance(service, 0));
    }

    /**
     * {@code COLLOQUY_LOG_FORMAT}: {@code text} (default; this is a developer's launcher, and {@code .local/logs/*.log}
     * are read by people) or {@code json} (one JSON object per line, as in production).
     */
    static boolean jsonLogs(String setting) {
        String format = setting.trim().toLowerCase();
        return switch (format) {
            case "json" -> true;
            case "text", "" -> false;
            default -> throw new StartupFailure("COLLOQUY_LOG_FORMAT must be json or text, not '" + format + "'.");
        };
    }
}
