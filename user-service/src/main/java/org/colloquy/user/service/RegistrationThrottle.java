package org.colloquy.user.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.colloquy.domain.RateLimited;
import org.colloquy.user.repository.AttemptCounter;

/**
 * Limits how many accounts one client address can create per window, so that throw-away accounts (to flag a comment
 * away, or to spread spam) come slowly. Counted atomically like log-ins; past the limit the answer is 429 with
 * {@code Retry-After}. Addresses listed in {@code colloquy.users.registration.unthrottled-addresses} (a sign-up
 * front end of your own that forwards many users, a test driver) are not counted.
 */
@ApplicationScoped
public class RegistrationThrottle {

    private final AttemptCounter counter;
    private final int maxPerAddress;
    private final Duration window;
    private final Set<String> unthrottled;

    public RegistrationThrottle(AttemptCounter counter, UserSettings settings) {
        this.counter = counter;
        this.maxPerAddress = settings.registration().maxPerAddress();
        this.window = settings.registration().window();
        this.unthrottled = settings.registration().unthrottledAddresses().orElse(Set.of());
    }

    /** Counts this registration attempt; fails with 429 when the address is past its limit. */
    public Uni<Void> attempt(String address) {
        if (unthrottled.contains(address)) {
            return Uni.createFrom().voidItem();
        }
        String key = "registration:" + address;
        return counter.count(List.of(key), window).invoke(counts -> {
            AttemptCounter.Count count = counts.get(key);
            if (count != null && count.attempts() > maxPerAddress) {
                throw new RateLimited("registration", count.untilWindowEnds());
            }
        }).replaceWithVoid();
    }
}
