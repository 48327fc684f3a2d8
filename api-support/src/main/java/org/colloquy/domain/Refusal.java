package org.colloquy.domain;

/**
 * What the domain answers when it will not do what it was asked: the thing is not there, the caller may not, the
 * input breaks a rule, it clashes with what exists, or the caller must wait. Services and domain objects throw these
 * and know nothing of HTTP; {@code org.colloquy.api.ErrorMappers} turns each kind into its answer, in one place.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, NotAllowed, Invalid, Conflict, NotAuthenticated, RateLimited {

    protected Refusal(String message) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
    }
}
