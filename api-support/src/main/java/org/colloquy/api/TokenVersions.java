package org.colloquy.api;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The newest token version of each user whose sessions were revoked, as this service's {@code token_version} table
 * knows it (its user.events consumer records {@code UserSessionsRevoked} with {@link #RECORD}). Held in memory so
 * that checking a token costs no database round trip: loaded at start, then every
 * {@code colloquy.token-revocation.refresh} only the rows changed since, so all instances of a service agree within
 * that interval after the event arrived.
 */
@ApplicationScoped
@IfBuildProperty(name = TokenVersions.ENABLED, stringValue = "true")
public class TokenVersions {

    /** Build-time switch: a service that has the table and feeds it turns the check on. */
    public static final String ENABLED = "colloquy.token-revocation.enabled";

    /**
     * For the consumer, inside its inbox transaction (positional parameters: user id, version). Versions only go up,
     * so a replayed or reordered event changes nothing.
     */
    public static final String RECORD = """
            insert into token_version (user_id, token_version, changed_at) values ($1, $2, clock_timestamp())
            on conflict (user_id) do update set token_version = excluded.token_version,
            changed_at = excluded.changed_at where token_version.token_version < excluded.token_version""";

    /**
     * Rows are stamped before their transaction commits, so a row can become visible with a stamp older than one
     * already read: each refresh reads this far back again (revocations are rare, so this is a handful of rows).
     */
    private static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final OffsetDateTime NEVER = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Pool database;
    private final Vertx vertx;
    private final Duration refresh;
    private final Map<String, Long> newest = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile OffsetDateTime seenUntil = NEVER;
    private volatile boolean loaded;
    private long timer = -1;

    public TokenVersions(Pool database, Vertx vertx,
            @ConfigProperty(name = "colloquy.token-revocation.refresh", defaultValue = "1s") Duration refresh) {
        this.database = database;
        this.vertx = vertx;
        this.refresh = refresh;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(refresh.toMillis(), id -> {
            if (refreshing.compareAndSet(false, true)) {
                refresh().onTermination().invoke(() -> refreshing.set(false)).subscribe().with(
                        done -> { },
                        failure -> Log.warnf("Token versions not refreshed: %s", failure.getMessage()));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The lowest version a token of this user must carry; 0 for users never revoked. */
    public Uni<Long> minimumFor(String userId) {
        if (loaded) {
            return Uni.createFrom().item(current(userId));
        }
        // Until the first load succeeds nothing is known: ask the database rather than let a revoked token pass.
        return refresh().map(done -> current(userId));
    }

    private long current(String userId) {
        return userId == null ? 0 : newest.getOrDefault(userId, 0L);
    }

    Uni<Void> refresh() {
        OffsetDateTime since = seenUntil;
        return database.preparedQuery("""
                select user_id::text as user_id, token_version, changed_at from token_version
                where changed_at > $1""").execute(Tuple.of(since.minus(OVERLAP)))
                .map(rows -> {
                    OffsetDateTime latest = since;
                    for (Row row : rows) {
                        newest.merge(row.getString("user_id"), row.getLong("token_version"), Math::max);
                        OffsetDateTime changedAt = row.getOffsetDateTime("changed_at");
                        latest = changedAt.isAfter(latest) ? changedAt : latest;
                    }
                    if (latest.isAfter(seenUntil)) {
                        seenUntil = latest;
                    }
                    loaded = true;
                    return null;
                });
    }
}
