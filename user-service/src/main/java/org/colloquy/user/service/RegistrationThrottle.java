package org.colloquy.user.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.colloquy.api.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits how many accounts one client address can create per window, so that throw-away accounts (to flag a comment
 * away, or to spread spam) come slowly. Counted atomically like log-ins; past the limit the answer is 429 with
 * {@code Retry-After}.
 */
@ApplicationScoped
public class RegistrationThrottle {

    private final AttemptCounter counter;
    private final int maxPerAddress;
    private final Duration window;

    public RegistrationThrottle(AttemptCounter counter,
            @ConfigProperty(name = "colloquy.users.registration.max-per-address", defaultValue = "10")
            int maxPerAddress,
            @ConfigProperty(name = "colloquy.users.registration.window", defaultValue = "PT1H") Duration window) {
        this.counter = counter;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /** Counts this registration attempt; fails with 429 when the address is past its limit. */
    public Uni<Void> attempt(String address) {
        String key = "registration:" + address;
        return counter.count(List.of(key), window).invoke(counts -> {
            AttemptCounter.Count count = counts.get(key);
            if (count != null && count.attempts() > maxPerAddress) {
                throw ApiException.tooManyRequests("registration", count.untilWindowEnds());
            }
        }).replaceWithVoid();
    }
}
