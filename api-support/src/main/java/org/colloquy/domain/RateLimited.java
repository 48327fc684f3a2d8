package org.colloquy.domain;

import java.time.Duration;

/**
 * The caller has done this too often (or holds too many of something) and must wait {@code retryAfter}. Without a
 * limit of its own to name, the answer says "too many attempts".
 */
public final class RateLimited extends Refusal {

    private final String subject;
    private final String limit;
    private final Duration retryAfter;

    public RateLimited(String subject, Duration retryAfter) {
        this(subject, null, retryAfter);
    }

    /** {@code limit}: what was exceeded, in words, e.g. "too many live streams (maximum is 5)". */
    public RateLimited(String subject, String limit, Duration retryAfter) {
        super(subject + " rate limited for " + retryAfter);
        this.subject = subject;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public String subject() {
        return subject;
    }

    /** Null when the limit is on attempts. */
    public String limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
