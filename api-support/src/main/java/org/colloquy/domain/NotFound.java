package org.colloquy.domain;

/** The {@code subject} ("article", "comment", "profile", ...) the caller named does not exist, or not for them. */
public final class NotFound extends Refusal {

    private final String subject;

    public NotFound(String subject) {
        super(subject, "not found");
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
