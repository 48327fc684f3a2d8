package org.colloquy.testing;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh, uniquely named PostgreSQL database for one test application, dropped afterwards, so that runs never
 * collide. The server is found in this order: {@code COLLOQUY_TEST_POSTGRES_URL} (a JDBC URL of a database the test
 * user may connect to, with {@code COLLOQUY_TEST_POSTGRES_USER}/{@code _PASSWORD}) if set; else a local server at
 * 127.0.0.1:5432 as user {@code postgres}; else a Testcontainers {@code postgres} container when Docker is reachable.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String POSTGRES_IMAGE = "postgres:15-alpine";

    private PostgreSQLContainer container;
    private Server server;
    private String database;

    private record Server(String adminUrl, String user, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(adminUrl, user, password);
        }

        /** The same server, another database: {@code jdbc:postgresql://host:port/<database>?params}. */
        String jdbcUrl(String database) {
            String withoutPrefix = adminUrl.substring("jdbc:postgresql://".length());
            int slash = withoutPrefix.indexOf('/');
            int query = withoutPrefix.indexOf('?');
            String hostPort = slash < 0 ? withoutPrefix : withoutPrefix.substring(0, slash);
            String params = query < 0 ? "" : withoutPrefix.substring(query);
            return "jdbc:postgresql://" + hostPort + "/" + database + params;
        }
    }

    @Override
    public Map<String, String> start() {
        server = findServer();
        database = "colloquy_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + database);
        String jdbcUrl = server.jdbcUrl(database);
        Log.infof("Tests use the fresh database %s", jdbcUrl);
        return Map.of(
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", jdbcUrl.replaceFirst("^jdbc:", "vertx-reactive:"));
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        if (container != null) {
            container.stop();
        }
    }

    private Server findServer() {
        String url = System.getenv("COLLOQUY_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, envOr("COLLOQUY_TEST_POSTGRES_USER", "postgres"),
                    envOr("COLLOQUY_TEST_POSTGRES_PASSWORD", ""));
        }
        Server local = new Server(LOCAL_URL, "postgres", "");
        try (Connection ignored = local.connect()) {
            return local;
        } catch (SQLException e) {
            Log.debugf("No local PostgreSQL at %s: %s", LOCAL_URL, e.getMessage());
        }
        if (KafkaResource.Docker.isReachable()) {
            container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException("The tests need PostgreSQL (15 or later): start a local server at "
                + "127.0.0.1:5432 that lets user 'postgres' in (Debian: 'apt-get install postgresql'), or set "
                + "COLLOQUY_TEST_POSTGRES_URL/_USER/_PASSWORD, or run a Docker engine for Testcontainers.");
    }

    private void execute(String sql) {
        try (Connection connection = server.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
