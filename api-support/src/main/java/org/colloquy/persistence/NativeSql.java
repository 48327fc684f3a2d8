package org.colloquy.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * SQL statements in the current Hibernate Reactive session (and so in its transaction, like the outbox), with
 * positional parameters {@code ?1, ?2, ...}: for upserts, counters and look-ups that entities would make roundabout.
 */
public final class NativeSql {

    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql), parameters).executeUpdate());
    }

    public static Uni<Void> execute(String sql, Object... parameters) {
        return update(sql, parameters).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    public static Uni<List<Object>> list(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql), parameters).getResultList())
                .map(rows -> (List<Object>) rows);
    }

    private static <T> Mutiny.Query<T> bind(Mutiny.Query<T> query, Object... parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    private NativeSql() {
    }
}
