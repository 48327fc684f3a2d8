package org.colloquy.article.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An article and its lifecycle: draft → (scheduled →) published → draft again, or deleted. */
@Entity
public class Article {

    public static final String DRAFT = "draft";
    public static final String SCHEDULED = "scheduled";
    public static final String PUBLISHED = "published";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    public UUID id;
    public String slug;
    public String title;
    public String description;
    public String body;
    /** The tags in the author's order, as a JSON array. */
    @Column(name = "tag_list")
    public String tagList;
    public String language;
    @Column(name = "author_id")
    public UUID authorId;
    public String status;
    @Column(name = "publish_at")
    public Instant publishAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "favorites_count")
    public int favoritesCount;
    @Column(name = "comments_count")
    public int commentsCount;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isPublished() {
        return PUBLISHED.equals(status);
    }

    /** Publishes now; returns false if it already was public. */
    public boolean publish(Instant now) {
        if (isPublished()) {
            return false;
        }
        status = PUBLISHED;
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
        status = DRAFT;
        publishedAt = null;
        updatedAt = now;
        return true;
    }

    public void schedule(Instant at, Instant now) {
        status = SCHEDULED;
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
