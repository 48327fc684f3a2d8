package org.colloquy.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server settings the platform relies on, read from the server the launcher uses, and the warnings
 * it prints when one of them is off: the launcher cannot change a server's settings (it is often shared), but it can
 * say what a setting will cost before the symptoms appear.
 */
record PostgresSettings(boolean autovacuum, int maxConnections, int superuserReservedConnections) {

    static PostgresSettings read(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var result = statement.executeQuery(
                "select current_setting('autovacuum'), current_setting('max_connections')::int, "
                        + "current_setting('superuser_reserved_connections')::int")) {
            result.next();
            return new PostgresSettings("on".equals(result.getString(1)), result.getInt(2), result.getInt(3));
        }
    }

    /** {@code connectionsNeeded}: what the services' pools may open together at their largest. */
    List<String> warnings(int connectionsNeeded) {
        List<String> warnings = new ArrayList<>();
        if (!autovacuum) {
            warnings.add("""
                    WARN: autovacuum is off on this PostgreSQL server. Nothing then ANALYZEs the services' tables as \
                    they grow: the planner keeps the row estimates of almost empty tables, picks plans made for \
                    them, and list queries (the article feed, comments, notifications) slow down as the data grows; \
                    dead rows are not reclaimed either. Turn it on (as a superuser): \
                    ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf(); \
                    or run ANALYZE in each service database periodically.""");
        }
        int available = maxConnections - superuserReservedConnections;
        if (available < connectionsNeeded) {
            warnings.add(("WARN: this PostgreSQL server accepts %d connections (max_connections %d minus %d "
                    + "reserved), the services' pools may open %d together. Under load a service then gets "
                    + "\"too many clients\" errors. Raise max_connections (ALTER SYSTEM SET max_connections = %d; "
                    + "then restart PostgreSQL) or lower quarkus.datasource.reactive.max-size.")
                    .formatted(available, maxConnections, superuserReservedConnections, connectionsNeeded,
                            connectionsNeeded + superuserReservedConnections + 20));
        }
        return warnings;
    }
}
