package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void lostOrRefusedConnectionsAreOutagesAtAnyDepth() {
        assertThat(DatabaseOutage.causes(new CompletionException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(DatabaseOutage.causes(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseOutage.causes(pg("57P01", "terminating connection due to administrator command")))
                .isTrue();
        assertThat(DatabaseOutage.causes(new IllegalStateException(pg("08006", "connection failure")))).isTrue();
        assertThat(DatabaseOutage.causes(pg("55000", "database \"x\" is not currently accepting connections")))
                .isTrue();
    }

    @Test
    void statementErrorsAndBugsAreNot() {
        assertThat(DatabaseOutage.causes(pg("23505", "duplicate key value violates unique constraint"))).isFalse();
        assertThat(DatabaseOutage.causes(pg("55000", "currval of sequence is not yet defined in this session")))
                .isFalse();
        assertThat(DatabaseOutage.causes(new NullPointerException())).isFalse();
    }

    private static PgException pg(String state, String message) {
        return new PgException(message, "FATAL", state, null);
    }
}
