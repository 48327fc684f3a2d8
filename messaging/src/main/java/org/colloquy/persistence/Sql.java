package org.colloquy.persistence;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way services and the messaging library reach their database: the reactive PostgreSQL client, with
 * PostgreSQL's parameters {@code $1, $2, ...}. A transaction ({@link #inTransaction}, or {@link InTransaction} on a
 * method) holds its connection in the locals of the current (duplicated) Vert.x context, so that every statement of
 * the request or record, the outbox row included, runs in it without the connection being passed along; outside a
 * transaction statements run on the pool.
 * <p>
 * Parameters are bound as the client binds them, except {@link Instant}, which becomes a UTC
 * {@link OffsetDateTime} for {@code timestamptz} columns.
 */
@ApplicationScoped
public class Sql {

    private static final String CONNECTION = "colloquy.sql.transaction";

    private final Pool pool;

    public Sql(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs the work in the current transaction, or in a new one that commits when the work succeeds and rolls back
     * when it fails. Needs a duplicated Vert.x context, as every request, record and scheduled job has.
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<? extends T>> work) {
        if (current() != null) {
            return Uni.createFrom().<T> deferred(work);
        }
        if (!VertxContext.isOnDuplicatedContext()) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "A transaction needs a duplicated Vert.x context (a request, a record or a scheduled job)"));
        }
        return pool.withTransaction(connection -> {
            ContextLocals.put(CONNECTION, connection);
            return Uni.createFrom().<T> deferred(work).onTermination().invoke(() -> ContextLocals.remove(CONNECTION));
        });
    }

    /** Whether a transaction is open on the current context. */
    public boolean inTransaction() {
        return current() != null;
    }

    /** The open transaction's connection, or the pool outside one. */
    public SqlClient client() {
        SqlConnection connection = current();
        return connection != null ? connection : pool;
    }

    public Uni<RowSet<Row>> query(String sql, Object... parameters) {
        return client().preparedQuery(sql).execute(tuple(parameters));
    }

    /** The number of rows the statement inserted, updated or deleted. */
    public Uni<Integer> update(String sql, Object... parameters) {
        return query(sql, parameters).map(RowSet::rowCount);
    }

    public Uni<Void> execute(String sql, Object... parameters) {
        return query(sql, parameters).replaceWithVoid();
    }

    public <T> Uni<List<T>> list(String sql, Function<Row, T> mapper, Object... parameters) {
        return query(sql, parameters).map(rows -> {
            List<T> list = new ArrayList<>(rows.size());
            rows.forEach(row -> list.add(mapper.apply(row)));
            return list;
        });
    }

    /** The first row mapped, or null when there is none. */
    public <T> Uni<T> first(String sql, Function<Row, T> mapper, Object... parameters) {
        return query(sql, parameters).map(rows -> {
            Iterator<Row> iterator = rows.iterator();
            return iterator.hasNext() ? mapper.apply(iterator.next()) : null;
        });
    }

    /** The same statement once per parameter list, in one round trip. */
    public Uni<Void> batch(String sql, List<Object[]> parameterLists) {
        if (parameterLists.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client().preparedQuery(sql).executeBatch(parameterLists.stream().map(Sql::tuple).toList())
                .replaceWithVoid();
    }

    public static Tuple tuple(Object... parameters) {
        Tuple tuple = Tuple.tuple();
        for (Object parameter : parameters) {
            tuple.addValue(parameter instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : parameter);
        }
        return tuple;
    }

    /** A {@code timestamptz} column as an instant; null stays null. */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static SqlConnection current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<SqlConnection> get(CONNECTION, null) : null;
    }
}
