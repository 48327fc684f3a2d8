package org.colloquy.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The plans PostgreSQL makes for a statement the services keep prepared: for the values given (custom) and for any
 * values (generic), which PostgreSQL may switch to after five executions. An {@code explain} of the statement itself
 * would always plan it for the values given. Plan tests assert what a plan reads, never how fast it is.
 */
public final class PreparedPlans {

    /** For the values given, and generic. */
    public static final List<String> MODES = List.of("force_custom_plan", "force_generic_plan");

    /** The plan of {@code sql} ($1, $2, ... bound to {@code parameters}) under {@code plan_cache_mode = mode}. */
    public static String explain(Pool pool, String sql, List<Object> parameters, String mode) {
        String arguments = parameters.stream().map(PreparedPlans::literal)
                .collect(Collectors.joining(", ", "(", ")"));
        Iterable<Row> rows = pool.withTransaction(connection -> connection
                .query("set local plan_cache_mode = " + mode).execute()
                .chain(() -> connection.query("prepare plan_test as " + sql).execute())
                .chain(() -> connection.query("explain execute plan_test" + arguments).execute())
                .eventually(() -> connection.query("deallocate plan_test").execute()))
                .await().atMost(Duration.ofSeconds(30));
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0))
                .collect(Collectors.joining("\n"));
    }

    private static String literal(Object value) {
        return value == null ? "null" : value instanceof Number || value instanceof Boolean ? value.toString()
                : "'" + value.toString().replace("'", "''") + "'";
    }

    private PreparedPlans() {
    }
}
