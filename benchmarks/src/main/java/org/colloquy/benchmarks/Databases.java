package org.colloquy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.colloquy.platform.PlatformConfig;

/** JDBC for the set-up: scratch databases for pgbench, seeding, and reading what the services wrote. */
final class Databases {

    private final PlatformConfig config;
    private final List<String> scratch = new ArrayList<>();

    Databases(PlatformConfig config) {
        this.config = config;
    }

    /**
     * Retries for a while when the server has no connection slot left: the platform's pools (and anything else on
     * the server) may hold them all for a moment.
     */
    Connection connect(String database) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try {
                return DriverManager.getConnection(config.jdbcUrl(database), config.postgresUser(),
                        config.postgresPassword());
            } catch (SQLException e) {
                if (!"53300".equals(e.getSQLState()) || attempt == 120) {
                    throw e;
                }
                try {
                    Thread.sleep(1000); // waiting for a free connection slot, at most two minutes
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A fresh database with the schema of the given migration files (the services' own, read from the tree). */
    synchronized String createScratch(String name, List<Path> migrations) {
        String database = config.databasePrefix() + name;
        try (Connection admin = connect(adminDatabase()); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
            scratch.add(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + database + ": " + e.getMessage(), e);
        }
        for (Path migration : migrations) {
            try {
                execute(database, Files.readString(migration));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    /** The database named in the server URL, where databases are created and dropped. */
    private String adminDatabase() {
        String path = java.net.URI.create(config.postgresUrl().substring("jdbc:".length())).getPath();
        return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
    }

    void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    long[] longs(String database, String sql) {
        try (Connection connection = connect(database)) {
            return longs(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** On a connection the caller holds: polling must not depend on finding a free slot every time. */
    static long[] longs(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long[] values = new long[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getLong(i + 1);
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Drops every scratch database this run made. */
    synchronized void dropScratch() {
        try (Connection admin = connect(adminDatabase()); Statement statement = admin.createStatement()) {
            for (String database : scratch) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
            scratch.clear();
        } catch (SQLException e) {
            System.err.println("Could not drop the scratch databases " + scratch + ": " + e.getMessage());
        }
    }
}
