package org.colloquy.events.moderation;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/**
 * A comment waits for a moderator. {@code rule} names what held it: {@code pre-moderation}, {@code first-comment},
 * {@code suspect-word}, {@code links} or {@code reports}. Key: the article id; subject: the comment id.
 */
public record CommentHeldForReview(long commentId, String articleId, String authorId, String rule, String detail,
        Instant heldAt) implements DomainEvent {

    public CommentHeldForReview {
        present(articleId, "articleId");
        present(authorId, "authorId");
        present(rule, "rule");
        present(heldAt, "heldAt");
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
