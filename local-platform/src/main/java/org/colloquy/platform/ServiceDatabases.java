package org.colloquy.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The services' databases on an existing PostgreSQL server: one per service, created when missing, and dropped
 * again for runs with a unique prefix (system tests, the benchmark). The launcher owns no server, so it also says
 * when the server's settings do not fit what the services' pools will open (see {@link PostgresSettings}).
 */
final class ServiceDatabases {

    private final PlatformConfig config;

    ServiceDatabases(PlatformConfig config) {
        this.config = config;
    }

    /** Returns the warnings about the server's settings (see {@link PostgresSettings}). */
    List<String> create() {
        try (Connection connection = DriverManager.getConnection(config.postgresUrl(), config.postgresUser(),
                config.postgresPassword())) {
            for (PlatformService service : PlatformService.BACKENDS) {
                String database = config.database(service);
                try (var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    if (!exists.executeQuery().next()) {
                        try (var create = connection.createStatement()) {
                            create.execute("create database " + database);
                        }
                    }
                }
            }
            return PostgresSettings.read(connection).warnings(connectionsNeeded());
        } catch (SQLException e) {
            throw new StartupFailure("PostgreSQL is not reachable at " + config.postgresUrl() + " as "
                    + config.postgresUser() + " (" + e.getMessage() + "). Start it (Debian: pg_ctlcluster 15 main "
                    + "start; not installed: apt-get install postgresql) or point COLLOQUY_POSTGRES_URL, "
                    + "COLLOQUY_POSTGRES_USER and COLLOQUY_POSTGRES_PASSWORD at your server.", e);
        }
    }

    /**
     * What the services' pools may open together: the reactive pool and the JDBC pool (Flyway's, idle after the
     * start) of every service, and notification-service's LISTEN connection.
     */
    int connectionsNeeded() {
        int connections = 1;
        for (PlatformService service : PlatformService.BACKENDS) {
            Properties properties = applicationProperties(service);
            properties.putAll(config.extraProperties());
            connections += Integer.parseInt(properties.getProperty("quarkus.datasource.reactive.max-size", "20"))
                    + Integer.parseInt(properties.getProperty("quarkus.datasource.jdbc.max-size", "20"));
        }
        return connections;
    }

    /** The application.properties packaged into the service's jar (what it runs with, unless overridden). */
    private Properties applicationProperties(PlatformService service) {
        Properties properties = new Properties();
        Path app = config.jar(service).resolveSibling("app");
        try (var jars = Files.list(app)) {
            for (Path file : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    JarEntry entry = jar.getJarEntry("application.properties");
                    if (entry != null) {
                        try (var in = jar.getInputStream(entry)) {
                            properties.load(in);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StartupFailure("Cannot read the packaged configuration of " + service.name() + " in " + app
                    + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** Drops the databases of this platform; for test runs with a unique prefix. */
    void drop() {
        try (Connection connection = DriverManager.getConnection(config.postgresUrl(), config.postgresUser(),
                config.postgresPassword()); var statement = connection.createStatement()) {
            for (PlatformService service : PlatformService.BACKENDS) {
                statement.execute("drop database if exists " + config.database(service) + " with (force)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the test databases: " + e.getMessage(), e);
        }
    }
}
