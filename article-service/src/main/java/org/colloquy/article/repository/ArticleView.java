package org.colloquy.article.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.colloquy.article.domain.Article;
import org.colloquy.article.domain.ArticleStatus;

/** An article as a reader sees it: with its author and the reader's favorite and following flags. */
public record ArticleView(UUID id, String slug, String title, String description, String body, List<String> tagList,
        String language, ArticleStatus status, Instant publishAt, Instant createdAt, Instant updatedAt,
        boolean favorited, int favoritesCount, int commentsCount, UUID authorId, String authorUsername,
        String authorBio, String authorImage, boolean following) {

    static ArticleView from(Row row, boolean withBody) {
        return new ArticleView(row.getUUID("id"), row.getString("slug"), row.getString("title"),
                row.getString("description"), withBody ? row.getString("body") : null,
                Article.parseTags(row.getString("tag_list")), row.getString("language"),
                ArticleStatus.of(row.getString("status")),
                instant(row.getOffsetDateTime("publish_at")), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")), row.getBoolean("favorited"),
                row.getInteger("favorites_count"), row.getInteger("comments_count"), row.getUUID("author_id"),
                row.getString("username"), row.getString("bio"), row.getString("image"), row.getBoolean("following"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
