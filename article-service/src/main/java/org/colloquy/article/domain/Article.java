package org.colloquy.article.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An article and its lifecycle: draft → (scheduled →) published → draft again, or deleted. */
public class Article {

    private static final ObjectMapper JSON = new ObjectMapper();

    public UUID id;
    public String slug;
    public String title;
    public String description;
    public String body;
    /** The tags in the author's order, as a JSON array. */
    public String tagList;
    public String language;
    public UUID authorId;
    public ArticleStatus status;
    public Instant publishAt;
    public Instant publishedAt;
    public int favoritesCount;
    public int commentsCount;
    public Instant createdAt;
    public Instant updatedAt;

    /**
     * A new article by {@code authorId}, without its slug yet: a draft if the author asks for one, scheduled for a
     * {@code publishAt} in the future, else published now.
     */
    public static Article write(UUID authorId, String title, String description, String body, List<String> tags,
            String language, boolean draft, Instant publishAt, Instant now) {
        Article article = new Article();
        article.id = UUID.randomUUID();
        article.authorId = authorId;
        article.title = title;
        article.description = description;
        article.body = body;
        article.tags(tags);
        article.language = language;
        article.createdAt = now;
        article.updatedAt = now;
        article.status = ArticleStatus.DRAFT;
        if (draft) {
            return article;
        }
        if (publishAt != null && publishAt.isAfter(now)) {
            article.schedule(publishAt, now);
        } else {
            article.publish(now);
        }
        return article;
    }

    /**
     * The author's changes; a null argument leaves its field as it is. Returns the slug base a new title asks for:
     * none when the title stays, or when the current slug was made from the new title's base already.
     */
    public Optional<String> revise(String title, String description, String body, String language, List<String> tags,
            Instant now) {
        Optional<String> newSlugBase = Optional.empty();
        if (title != null && !title.trim().equals(this.title)) {
            this.title = title.trim();
            String base = Slugs.base(this.title);
            if (!Slugs.madeFrom(slug, base)) {
                newSlugBase = Optional.of(base);
            }
        }
        if (description != null) {
            this.description = description.trim();
        }
        if (body != null) {
            this.body = body;
        }
        if (language != null) {
            this.language = language;
        }
        if (tags != null) {
            tags(ArticleRules.cleanTags(tags));
        }
        updatedAt = now;
        return newSlugBase;
    }

    public boolean isPublished() {
        return status == ArticleStatus.PUBLISHED;
    }

    /** Publishes now; returns false if it already was public. */
    public boolean publish(Instant now) {
        if (isPublished()) {
            return false;
        }
        status = ArticleStatus.PUBLISHED;
        publishAt = null;
        publishedAt = now;
        updatedAt = now;
        return true;
    }

    /** Back to draft; returns false if it was not public. */
    public boolean unpublish(Instant now) {
        if (!isPublished()) {
            return false;
        }
        status = ArticleStatus.DRAFT;
        publishedAt = null;
        updatedAt = now;
        return true;
    }

    public void schedule(Instant at, Instant now) {
        status = ArticleStatus.SCHEDULED;
        publishAt = at;
        updatedAt = now;
    }

    public List<String> tags() {
        return parseTags(tagList);
    }

    public void tags(List<String> tags) {
        try {
            tagList = JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static List<String> parseTags(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt tag list " + json, e);
        }
    }
}
