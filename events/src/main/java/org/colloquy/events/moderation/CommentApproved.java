package org.colloquy.events.moderation;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/** A moderator approved a held comment (a CommentPosted follows). Key: the article id; subject: the comment id. */
public record CommentApproved(long commentId, String articleId, String authorId, String moderatorId,
        Instant approvedAt) implements DomainEvent {

    public CommentApproved {
        present(articleId, "articleId");
        present(authorId, "authorId");
        present(moderatorId, "moderatorId");
        present(approvedAt, "approvedAt");
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
