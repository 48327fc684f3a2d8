package org.colloquy.user.repository;

import io.vertx.pgclient.PgException;
import org.colloquy.domain.Conflict;

/**
 * Two requests that take the same username or e-mail at the same moment both pass the availability check; the
 * unique index stops the second's write once the first committed, and this turns that into the same refusal the
 * check gives.
 */
final class UniqueViolation {

    static boolean is(Throwable failure) {
        return pgError(failure) != null;
    }

    static Throwable toConflict(Throwable failure) {
        PgException error = pgError(failure);
        String field = error != null && error.getConstraint() != null && error.getConstraint().contains("email")
                ? "email" : "username";
        return new Conflict(field, "has already been taken");
    }

    private static PgException pgError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return pg;
            }
        }
        return null;
    }

    private UniqueViolation() {
    }
}
