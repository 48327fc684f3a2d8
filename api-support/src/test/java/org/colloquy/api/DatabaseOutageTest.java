package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
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
    void aResetConnectionReportedWithTheFailedRollbackIsAnOutage() {
        // seen in the fault suite ("comment-service database unreachable"): a 500 before this was recognised
        SocketException reset = new SocketException("Connection reset");
        assertThat(DatabaseOutage.causes(new CompositeException(new IllegalStateException("statement failed",
                reset), reset))).isTrue();
        assertThat(DatabaseOutage.causes(new CompositeException(new IllegalStateException("bug"),
                new NullPointerException()))).isFalse();
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
