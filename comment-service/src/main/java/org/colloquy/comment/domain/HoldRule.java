package org.colloquy.comment.domain;

import org.colloquy.domain.StoredNames;

/** Why a comment waits for a moderator; stored, published and shown as "pre-moderation", "suspect-word", .... */
public enum HoldRule {
    /** The site holds every comment (moderation mode {@code all}). */
    PRE_MODERATION,
    /** The body contains a suspect word. */
    SUSPECT_WORD,
    /** The body has more links than allowed. */
    LINKS,
    /** The author's first comment (moderation mode {@code first-comment}). */
    FIRST_COMMENT,
    /** Enough readers reported it. */
    REPORTS;

    private static final StoredNames<HoldRule> NAMES = new StoredNames<>(HoldRule.class);

    public String value() {
        return NAMES.of(this);
    }

    public static HoldRule of(String value) {
        return NAMES.parse(value);
    }
}
