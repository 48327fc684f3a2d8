package org.colloquy.article.domain;

import org.colloquy.domain.StoredNames;

/** Where an article stands; stored and shown in lower case ("draft", "scheduled", "published"). */
public enum ArticleStatus {
    /** Private to its author. */
    DRAFT,
    /** Private until its {@code publishAt}, when the scheduler publishes it. */
    SCHEDULED,
    /** Public. */
    PUBLISHED;

    private static final StoredNames<ArticleStatus> NAMES = new StoredNames<>(ArticleStatus.class);

    /** As stored, and as the API shows and takes it. */
    public String value() {
        return NAMES.of(this);
    }

    public static ArticleStatus of(String value) {
        return NAMES.parse(value);
    }
}
