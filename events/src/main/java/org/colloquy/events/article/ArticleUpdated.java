package org.colloquy.events.article;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import java.util.List;
import org.colloquy.events.DomainEvent;

/**
 * A public article changed. {@code previousSlug} is set when the title change gave it a new slug (the old one keeps
 * resolving). Key: the article id.
 */
public record ArticleUpdated(String articleId, String slug, String previousSlug, String title, String description,
        List<String> tagList, String language, Instant updatedAt) implements DomainEvent {

    public ArticleUpdated {
        present(articleId, "articleId");
        present(slug, "slug");
        present(title, "title");
        present(updatedAt, "updatedAt");
        tagList = tagList == null ? List.of() : List.copyOf(tagList);
    }

    @Override
    public String key() {
        return articleId;
    }
}
