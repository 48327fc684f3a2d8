package org.colloquy.domain;

/** The request clashes with what exists (a name already taken, a report already made). */
public final class Conflict extends Refusal {

    public Conflict(String field, String problem) {
        super(field, problem);
    }
}
