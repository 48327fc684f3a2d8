package org.colloquy.user.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.colloquy.api.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing: failed log-ins are counted per account and per client address in fixed windows,
 * in the database so that every replica sees the same counts. Past the limit, log-ins for that account or from that
 * address answer 429 with {@code Retry-After} until the window ends; a successful log-in clears the account's count.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String READ = """
            select throttle_key, failures, window_started_at from login_throttle where throttle_key = any($1)""";
    private static final String RECORD_FAILURE = """
            insert into login_throttle (throttle_key, failures, window_started_at) values ($1, 1, now())
            on conflict (throttle_key) do update set
              failures = case when login_throttle.window_started_at < now() - make_interval(secs => $2) then 1
                              else login_throttle.failures + 1 end,
              window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => $2) then now()
                                       else login_throttle.window_started_at end""";
    private static final String CLEAR = "delete from login_throttle where throttle_key = $1";

    private final Pool pool;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(Pool pool,
            @ConfigProperty(name = "colloquy.users.login.max-failures-per-account", defaultValue = "5") int maxPerAccount,
            @ConfigProperty(name = "colloquy.users.login.max-failures-per-address", defaultValue = "20") int maxPerAddress,
            @ConfigProperty(name = "colloquy.users.login.window", defaultValue = "PT15M") Duration window) {
        this.pool = pool;
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /** Fails with 429 when the account or the address has used up its attempts in the current window. */
    public Uni<Void> check(String email, String address) {
        return pool.preparedQuery(READ).execute(Tuple.of(new String[] {accountKey(email), addressKey(address)}))
                .map(rows -> {
                    Optional<Duration> wait = Optional.empty();
                    for (Row row : rows) {
                        int limit = row.getString("throttle_key").startsWith("account:") ? maxPerAccount
                                : maxPerAddress;
                        Instant windowEnd = row.getOffsetDateTime("window_started_at").toInstant().plus(window);
                        Duration remaining = Duration.between(Instant.now(), windowEnd);
                        if (row.getInteger("failures") >= limit && !remaining.isNegative()) {
                            wait = Optional.of(wait.map(w -> w.compareTo(remaining) > 0 ? w : remaining)
                                    .orElse(remaining));
                        }
                    }
                    return wait;
                })
                .invoke(wait -> wait.ifPresent(w -> {
                    throw ApiException.tooManyRequests("credentials", w);
                }))
                .replaceWithVoid();
    }

    public Uni<Void> recordFailure(String email, String address) {
        double interval = window.toSeconds();
        return pool.preparedQuery(RECORD_FAILURE)
                .executeBatch(List.of(Tuple.of(accountKey(email), interval), Tuple.of(addressKey(address), interval)))
                .replaceWithVoid();
    }

    public Uni<Void> clear(String email) {
        return pool.preparedQuery(CLEAR).execute(Tuple.of(accountKey(email))).replaceWithVoid();
    }

    private static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
