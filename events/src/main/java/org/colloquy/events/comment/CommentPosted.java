package org.colloquy.events.comment;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import java.util.List;
import org.colloquy.events.DomainEvent;

/**
 * A comment became publicly visible: at creation when no moderation rule held it, else when a moderator approved
 * it. Key: the article id, so all comment events of one discussion stay in order; the subject is the comment id.
 * {@code articleAuthorId} lets consumers address the article's author without knowing the article yet;
 * {@code parentId}/{@code parentAuthorId} are set for replies; {@code mentions} are the usernames the body mentions
 * with {@code @username}; {@code excerpt} is the start of the body, for notifications.
 */
public record CommentPosted(long commentId, String articleId, String articleSlug, String articleAuthorId, Long parentId,
        String parentAuthorId, String authorId, String authorUsername, String excerpt, List<String> mentions,
        Instant postedAt) implements DomainEvent {

    public CommentPosted {
        present(articleId, "articleId");
        present(authorId, "authorId");
        present(authorUsername, "authorUsername");
        present(postedAt, "postedAt");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
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
