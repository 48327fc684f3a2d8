package org.colloquy.domain;

/** The request clashes with what exists (a name already taken, a report already made). */
public final class Conflict extends Refusal {

    private final String field;
    private final String problem;

    public Conflict(String field, String problem) {
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
