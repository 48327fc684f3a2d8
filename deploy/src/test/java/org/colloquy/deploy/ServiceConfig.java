package org.colloquy.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.colloquy.testing.ModuleDirectory;

/**
 * What the tests know about one application (a service or the gateway), read from its sources, so that the manifests
 * are checked against the code rather than against a second copy of its settings.
 */
record ServiceConfig(String name, Map<String, String> properties) {

    /** The project root: the parent of this module's directory. */
    static final Path ROOT = ModuleDirectory.of(ServiceConfig.class).getParent();
    static final List<String> ALL = List.of("user-service", "article-service", "comment-service",
            "notification-service", "api-gateway");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+):([^}]*)}");
    private static final Pattern LAUNCHER_KEY = Pattern.compile("properties\\.put\\(\\s*\"([^\"]+)\"");

    static ServiceConfig of(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
        // Defaults from the libraries a service includes come first; the service's own file overrides them.
        // Every application has observability (the gateway directly, the services through messaging).
        for (String library : List.of("observability", "messaging", "api-support")) {
            if (library.equals("observability") || pom(name).contains("<artifactId>" + library + "</artifactId>")) {
                properties.putAll(load(ROOT.resolve(library).resolve(
                        "src/main/resources/META-INF/microprofile-config.properties")));
            }
        }
        properties.putAll(load(ROOT.resolve(name).resolve("src/main/resources/application.properties")));
        return new ServiceConfig(name, properties);
    }

    int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    /**
     * Where health (the probes' endpoints) is served: the management port when the application has a management
     * interface (the gateway keeps /q/* off its public port), else the HTTP port.
     */
    int healthPort() {
        return "true".equals(properties.get("quarkus.management.enabled"))
                ? Integer.parseInt(properties.getOrDefault("quarkus.management.port", "9000"))
                : httpPort();
    }

    boolean hasDatabase() {
        return properties.containsKey("quarkus.datasource.db-kind");
    }

    boolean usesMessaging() {
        return pom(name).contains("<artifactId>messaging</artifactId>");
    }

    Duration shutdownTimeout() {
        String value = properties.get("quarkus.shutdown.timeout");
        if (value == null) {
            throw new AssertionError(name + " sets no quarkus.shutdown.timeout: SIGTERM would drop requests in flight");
        }
        if (value.startsWith("P")) {
            return Duration.parse(value);
        }
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)").matcher(value);
        if (!matcher.matches()) {
            throw new AssertionError("unreadable quarkus.shutdown.timeout " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /**
     * The settings without a default usable in a cluster, which a deployment must therefore set: every value that
     * points at this machine (localhost, 127.0.0.1), the database credentials (development ones), and the token key
     * locations whose default is
     * the development key on the class path. A value {@code ${name:default}} moves the requirement to {@code name}.
     * Each with its default.
     */
    Map<String, String> requiredSettings() {
        Map<String, String> required = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            Matcher expression = EXPRESSION.matcher(value);
            boolean hasExpression = false;
            while (expression.find()) {
                hasExpression = true;
                String fallback = expression.group(2);
                if (local(fallback) || fallback.startsWith("jwt/")) {
                    required.put(expression.group(1), fallback);
                }
            }
            if (!hasExpression && (local(value) || key.equals("quarkus.datasource.username")
                    || key.equals("quarkus.datasource.password"))) {
                required.put(key, value);
            }
        });
        return required;
    }

    private static boolean local(String value) {
        return value.contains("localhost") || value.contains("127.0.0.1");
    }

    /** Every name this application's configuration mentions: keys and the names inside expressions. */
    Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>(properties.keySet());
        properties.values().forEach(value -> {
            Matcher expression = EXPRESSION.matcher(value);
            while (expression.find()) {
                names.add(expression.group(1));
            }
        });
        return names;
    }

    /**
     * The settings the local launcher passes to its processes (ServiceCommand#systemProperties), as literal keys or
     * key prefixes (ending with a dot, like {@code colloquy.gateway.upstreams.}).
     */
    static Set<String> launcherSettings() {
        String source = read(ROOT.resolve("local-platform/src/main/java/org/colloquy/platform/ServiceCommand.java"));
        int start = source.indexOf("Map<String, String> systemProperties(");
        if (start < 0) {
            throw new AssertionError("ServiceCommand#systemProperties not found: update this test");
        }
        String method = source.substring(start, source.indexOf("\n    }\n", start));
        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = LAUNCHER_KEY.matcher(method);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        if (keys.isEmpty()) {
            throw new AssertionError("no settings found in ServiceCommand#systemProperties: update this test");
        }
        return keys;
    }

    /** The MicroProfile Config environment variable of a property: dots and dashes become underscores. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pom(String name) {
        return read(ROOT.resolve(name).resolve("pom.xml"));
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        // Profile-specific values (%test., %dev.) never apply in a cluster.
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> result.put(key, properties.getProperty(key)));
        return result;
    }
}
