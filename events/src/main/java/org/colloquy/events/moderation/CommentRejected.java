package org.colloquy.events.moderation;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/**
 * A moderator rejected a comment; it stays visible only to its author. Key: the article id; subject: the comment id.
 */
public record CommentRejected(long commentId, String articleId, String authorId, String moderatorId, String reason,
        Instant rejectedAt) implements DomainEvent {

    public CommentRejected {
        present(articleId, "articleId");
        present(authorId, "authorId");
        present(moderatorId, "moderatorId");
        present(rejectedAt, "rejectedAt");
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
