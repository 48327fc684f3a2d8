package org.colloquy.events;

/** Checks required payload fields in the records' constructors, so a record missing one is never built. */
public final class Require {

    public static <T> T present(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    private Require() {
    }
}
