package org.colloquy.events.comment;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/** The author edited a visible comment. Key: the article id; subject: the comment id. */
public record CommentEdited(long commentId, String articleId, String excerpt, Instant editedAt) implements DomainEvent {

    public CommentEdited {
        present(articleId, "articleId");
        present(editedAt, "editedAt");
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
