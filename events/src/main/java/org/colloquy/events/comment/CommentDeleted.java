package org.colloquy.events.comment;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/**
 * A comment was deleted by its author or a moderator. {@code wasVisible} tells counters whether it had been counted.
 * Key: the article id; subject: the comment id.
 */
public record CommentDeleted(long commentId, String articleId, boolean wasVisible, Instant deletedAt)
        implements DomainEvent {

    public CommentDeleted {
        present(articleId, "articleId");
        present(deletedAt, "deletedAt");
    }

    @Override
    public String key() {
        return articleId;
    }

    @Override
    public String subject() {
        return Long.toString(commentId);
    }
}
