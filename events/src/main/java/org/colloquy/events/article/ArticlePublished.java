package org.colloquy.events.article;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import java.util.List;
import org.colloquy.events.DomainEvent;

/** An article became public: created as published, published by its author, or by its schedule. Key: the article id. */
public record ArticlePublished(String articleId, String slug, String title, String description, String authorId,
        String authorUsername, List<String> tagList, String language, Instant publishedAt) implements DomainEvent {

    public ArticlePublished {
        present(articleId, "articleId");
        present(slug, "slug");
        present(title, "title");
        present(authorId, "authorId");
        present(authorUsername, "authorUsername");
        present(publishedAt, "publishedAt");
        tagList = tagList == null ? List.of() : List.copyOf(tagList);
    }

    @Override
    public String key() {
        return articleId;
    }
}
