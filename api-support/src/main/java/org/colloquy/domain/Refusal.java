package org.colloquy.domain;

import java.util.List;
import java.util.Map;

/**
 * What the domain answers when it will not do what it was asked: the thing is not there, the caller may not, the
 * input breaks a rule, it clashes with what exists, or the caller must wait. Every refusal names what it is about,
 * field by field, with what is wrong ({@link #problems()}). Services and domain objects throw these and know nothing
 * of HTTP; {@code org.colloquy.api.ErrorMappers} turns each kind into its answer, in one place.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, NotAllowed, Invalid, Conflict, NotAuthenticated, RateLimited {

    private final Map<String, List<String>> problems;

    protected Refusal(Map<String, List<String>> problems) {
        super(problems.toString(), null, false, false); // an expected outcome: no stack trace to fill
        this.problems = problems;
    }

    protected Refusal(String subject, String problem) {
        this(Map.of(subject, List.of(problem)));
    }

    /** What is refused and why: a subject or field, and its problems. */
    public Map<String, List<String>> problems() {
        return problems;
    }
}
