package org.colloquy.user.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.persistence.Sql;

/** The token version of an account, read for every authenticated request (one primary-key look-up). */
@ApplicationScoped
public class TokenVersionQueries {

    private final Sql sql;

    public TokenVersionQueries(Sql sql) {
        this.sql = sql;
    }

    /** 0 for an id that has no account. */
    public Uni<Integer> current(UUID userId) {
        return sql.first("select token_version from app_user where id = $1", row -> row.getInteger(0), userId)
                .map(version -> version == null ? 0 : version);
    }
}
