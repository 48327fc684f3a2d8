package org.colloquy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void autovacuumOffIsWarnedAboutWithWhatItCostsAndTheFix() {
        assertThat(new PostgresSettings(false, 200, 3).warnings(89)).singleElement().asString()
                .startsWith("WARN: autovacuum is off")
                .contains("row estimates", "slow down", "ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();",
                        "ANALYZE");
    }

    @Test
    void tooFewConnectionsForThePoolsAreWarnedAbout() {
        assertThat(new PostgresSettings(true, 100, 3).warnings(120)).singleElement().asString()
                .startsWith("WARN: this PostgreSQL server accepts 97 connections")
                .contains("may open 120", "max_connections");
    }

    @Test
    void aServerSetUpAsThePlatformNeedsGetsNoWarning() {
        assertThat(new PostgresSettings(true, 100, 3).warnings(89)).isEmpty();
    }

    @Test
    @Tag("postgres") // not in the unit run (-Dcolloquy.unit): it needs the server
    void theSettingsAreReadFromTheServer() throws SQLException {
        PlatformConfig local = PlatformConfig.local(java.nio.file.Path.of("."));
        try (var connection = DriverManager.getConnection(local.postgresUrl(), local.postgresUser(),
                local.postgresPassword()); var statement = connection.createStatement();
                var result = statement.executeQuery("show autovacuum")) {
            result.next();
            PostgresSettings settings = PostgresSettings.read(connection);
            assertThat(settings.autovacuum()).isEqualTo("on".equals(result.getString(1)));
            assertThat(settings.maxConnections()).isPositive();
        }
    }
}
