package org.colloquy.domain;

/** The caller could not be recognised: credentials that match no account. */
public final class NotAuthenticated extends Refusal {

    public NotAuthenticated(String field, String problem) {
        super(field, problem);
    }
}
