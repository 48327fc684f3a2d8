package org.colloquy.events.article;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/** A public article went back to draft: it and its comments are hidden until published again. Key: the article id. */
public record ArticleUnpublished(String articleId, String slug, Instant unpublishedAt) implements DomainEvent {

    public ArticleUnpublished {
        present(articleId, "articleId");
        present(slug, "slug");
        present(unpublishedAt, "unpublishedAt");
    }

    @Override
    public String key() {
        return articleId;
    }
}
