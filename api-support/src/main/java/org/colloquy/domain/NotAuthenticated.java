package org.colloquy.domain;

/** The caller could not be recognised: credentials that match no account. */
public final class NotAuthenticated extends Refusal {

    private final String field;
    private final String problem;

    public NotAuthenticated(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
