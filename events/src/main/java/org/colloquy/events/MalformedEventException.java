package org.colloquy.events;

/** Event data that no retry can fix: malformed JSON, a missing required field, an unknown type. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
