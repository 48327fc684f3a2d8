package org.colloquy.domain;

/** The caller may not do this to the {@code subject}; the reason, when there is one worth telling, says why. */
public final class NotAllowed extends Refusal {

    private final String subject;
    private final String reason;

    public NotAllowed(String subject) {
        this(subject, "forbidden");
    }

    public NotAllowed(String subject, String reason) {
        super(subject + " " + reason);
        this.subject = subject;
        this.reason = reason;
    }

    public String subject() {
        return subject;
    }

    public String reason() {
        return reason;
    }
}
