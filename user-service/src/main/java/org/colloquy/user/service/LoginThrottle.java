package org.colloquy.user.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.colloquy.domain.RateLimited;
import org.colloquy.user.domain.ProfileRules;
import org.colloquy.user.repository.AttemptCounter;
import org.colloquy.user.repository.AttemptCounter.Count;

/**
 * Slows down password guessing: log-in attempts are counted per account (the normalised e-mail) and per client
 * address in fixed windows. Each attempt is counted before the password is checked, so parallel guesses cannot
 * overtake the count; past the limit the answer is 429 with {@code Retry-After} until the window ends. A successful
 * log-in clears the account's count and takes its own attempt back from the address, so the address count is the
 * failures (and the attempts still in flight).
 */
@ApplicationScoped
public class LoginThrottle {

    private final AttemptCounter counter;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(AttemptCounter counter, UserSettings settings) {
        this.counter = counter;
        this.maxPerAccount = settings.login().maxFailuresPerAccount();
        this.maxPerAddress = settings.login().maxFailuresPerAddress();
        this.window = settings.login().window();
    }

    /** Counts this attempt; fails with 429 when the account or the address is past its limit. */
    public Uni<Void> attempt(String email, String address) {
        String account = accountKey(email);
        String client = addressKey(address);
        return counter.count(List.of(account, client), window).invoke(counts -> {
            Duration wait = Duration.ZERO;
            wait = longer(wait, counts.get(account), maxPerAccount);
            wait = longer(wait, counts.get(client), maxPerAddress);
            if (!wait.isZero()) {
                throw new RateLimited("credentials", wait);
            }
        }).replaceWithVoid();
    }

    /** The owner got in: the account starts afresh, and this attempt no longer counts against the address. */
    public Uni<Void> succeeded(String email, String address) {
        return counter.forget(accountKey(email)).chain(() -> counter.uncount(addressKey(address)));
    }

    private static Duration longer(Duration wait, Count count, int limit) {
        if (count == null || count.attempts() <= limit) {
            return wait;
        }
        return count.untilWindowEnds().compareTo(wait) > 0 ? count.untilWindowEnds() : wait;
    }

    private static String accountKey(String email) {
        return "account:" + ProfileRules.normalizedEmail(email);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
