package org.colloquy.api;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.Set;

/**
 * Tells a failure caused by the database being away (restarting, unreachable, refusing connections) from a bug: the
 * first is the client's cue to retry (503 with Retry-After), the second a 500. The request's transaction did not
 * commit in either case, so nothing is half-done.
 */
final class DatabaseOutage {

    static final int RETRY_AFTER_SECONDS = 5;
    private static final int MAX_DEPTH = 32;

    /**
     * SQLSTATEs of an outage rather than of a statement: class 08 (connection exception), 57P01-57P03 (shutdown,
     * crash, cannot connect now), 53300 (too many connections), and 55000 where PostgreSQL raises it for a database
     * that does not accept connections (the same state also means unrelated statement errors).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    static boolean causes(Throwable failure) {
        return causes(failure, 0);
    }

    /**
     * Along the cause chain, and into each of a {@link CompositeException}'s causes (Hibernate Reactive reports a
     * failed statement and the failed rollback after it together). A {@link SocketException} (connection reset or
     * refused) counts: the sockets a request's failure comes from are the database's; Kafka and HTTP clients fail
     * with their own types.
     */
    private static boolean causes(Throwable failure, int depth) {
        int level = depth;
        for (Throwable cause = failure; cause != null && level < MAX_DEPTH; cause = cause.getCause(), level++) {
            if (cause instanceof CompositeException composite) {
                for (Throwable one : composite.getCauses()) {
                    if (causes(one, level + 1)) {
                        return true;
                    }
                }
            }
            if (cause instanceof ClosedConnectionException || cause instanceof SocketException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null && (pg.getSqlState().startsWith("08")
                    || STATES.contains(pg.getSqlState()) || pg.getSqlState().equals("55000")
                    && String.valueOf(pg.getErrorMessage()).contains("not currently accepting connections"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private DatabaseOutage() {
    }
}
