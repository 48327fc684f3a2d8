package org.colloquy.user.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attempts per key ({@code account:<e-mail>}, {@code address:<ip>}, {@code registration:<ip>}) in fixed windows, in
 * the database so that every replica sees the same counts. An attempt is counted before it is judged, in one
 * statement that also returns the new count: requests racing for the same key each see a different number, so no
 * more of them get through than the limit allows (check-then-record would let them all pass).
 */
@ApplicationScoped
public class AttemptCounter {

    /** Keys are locked in sorted order, so two requests counting overlapping keys never deadlock. */
    private static final String COUNT = """
            insert into attempt_counter (throttle_key, attempts, window_started_at)
            select k, 1, now() from unnest($1::text[]) as k order by k
            on conflict (throttle_key) do update set
              attempts = case when attempt_counter.window_started_at <= now() - make_interval(secs => $2) then 1
                              else attempt_counter.attempts + 1 end,
              window_started_at = case when attempt_counter.window_started_at <= now() - make_interval(secs => $2)
                                       then now() else attempt_counter.window_started_at end
            returning throttle_key, attempts,
              greatest(1, ceil(extract(epoch from window_started_at + make_interval(secs => $2) - now())))::bigint
                as retry_after""";
    private static final String UNCOUNT = """
            update attempt_counter set attempts = attempts - 1 where throttle_key = $1 and attempts > 0""";
    private static final String FORGET = "delete from attempt_counter where throttle_key = $1";

    /** The count for a key after this attempt, and how long until its window ends. */
    public record Count(int attempts, Duration untilWindowEnds) {
    }

    private final Pool pool;

    public AttemptCounter(Pool pool) {
        this.pool = pool;
    }

    /** Counts one attempt for each key (in its own fixed window) and returns the new counts by key. */
    public Uni<Map<String, Count>> count(List<String> keys, Duration window) {
        return pool.preparedQuery(COUNT).execute(Tuple.of(keys.toArray(String[]::new), (double) window.toSeconds()))
                .map(rows -> {
                    Map<String, Count> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.put(row.getString("throttle_key"), new Count(row.getInteger("attempts"),
                                Duration.ofSeconds(row.getLong("retry_after"))));
                    }
                    return counts;
                });
    }

    /** Takes back one attempt that turned out not to count (a successful log-in from an address). */
    public Uni<Void> uncount(String key) {
        return pool.preparedQuery(UNCOUNT).execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Starts the key afresh (an account whose owner just logged in). */
    public Uni<Void> forget(String key) {
        return pool.preparedQuery(FORGET).execute(Tuple.of(key)).replaceWithVoid();
    }
}
