package org.colloquy.domain;

import java.time.Duration;

/** The caller has done this too often (or holds too many of something) and must wait {@code retryAfter}. */
public final class RateLimited extends Refusal {

    private final Duration retryAfter;

    /** Too many attempts: the answer says how long to wait. */
    public RateLimited(String subject, Duration retryAfter) {
        this(subject, "too many attempts, try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds",
                retryAfter);
    }

    /** {@code limit}: what was exceeded, in words, e.g. "too many live streams (maximum is 5)". */
    public RateLimited(String subject, String limit, Duration retryAfter) {
        super(subject, limit);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
