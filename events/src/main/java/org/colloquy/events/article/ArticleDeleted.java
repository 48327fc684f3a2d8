package org.colloquy.events.article;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/** An article was deleted by its author. Key: the article id. */
public record ArticleDeleted(String articleId, String slug, Instant deletedAt) implements DomainEvent {

    public ArticleDeleted {
        present(articleId, "articleId");
        present(slug, "slug");
        present(deletedAt, "deletedAt");
    }

    @Override
    public String key() {
        return articleId;
    }
}
