package org.colloquy.domain;

/** The caller may not do this to the {@code subject}; the reason, when there is one worth telling, says why. */
public final class NotAllowed extends Refusal {

    public NotAllowed(String subject) {
        this(subject, "forbidden");
    }

    public NotAllowed(String subject, String reason) {
        super(subject, reason);
    }
}
