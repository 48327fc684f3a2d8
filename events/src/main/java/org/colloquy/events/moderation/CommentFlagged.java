package org.colloquy.events.moderation;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/**
 * A reader reported a comment; {@code reason} is {@code spam}, {@code abuse}, {@code off-topic} or {@code other};
 * {@code flagCount} is the number of reports so far. Key: the article id; subject: the comment id.
 */
public record CommentFlagged(long commentId, String articleId, String reporterId, String reason, String note,
        int flagCount, Instant flaggedAt) implements DomainEvent {

    public CommentFlagged {
        present(articleId, "articleId");
        present(reporterId, "reporterId");
        present(reason, "reason");
        present(flaggedAt, "flaggedAt");
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
