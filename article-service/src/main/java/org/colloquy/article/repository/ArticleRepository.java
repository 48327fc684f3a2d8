package org.colloquy.article.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.colloquy.article.domain.Article;
import org.colloquy.article.domain.ArticleStatus;
import org.colloquy.persistence.Sql;

/** Writes of articles and what hangs on them, in the caller's transaction. */
@ApplicationScoped
public class ArticleRepository {

    private static final String SELECT = """
            select id, slug, title, description, body, tag_list, language, author_id, status, publish_at,
                published_at, favorites_count, comments_count, created_at, updated_at
            from article""";

    private final Sql sql;

    public ArticleRepository(Sql sql) {
        this.sql = sql;
    }

    /** Locks the article's row: writes to one article are serialized, so their events stay in order. */
    public Uni<Article> lock(UUID id) {
        return sql.first(SELECT + " where id = $1 for update", ArticleRepository::article, id);
    }

    public Uni<Void> insert(Article article) {
        return sql.execute("""
                insert into article (id, slug, title, description, body, tag_list, language, author_id, status,
                    publish_at, published_at, favorites_count, comments_count, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""", article.id,
                article.slug, article.title, article.description, article.body, article.tagList, article.language,
                article.authorId, article.status.value(), article.publishAt, article.publishedAt,
                article.favoritesCount, article.commentsCount, article.createdAt, article.updatedAt);
    }

    /** Stores what the author and the lifecycle change; the counters follow their own statements. */
    public Uni<Void> update(Article article) {
        return sql.execute("""
                update article set slug = $2, title = $3, description = $4, body = $5, tag_list = $6, language = $7,
                    status = $8, publish_at = $9, published_at = $10, updated_at = $11
                where id = $1""", article.id, article.slug, article.title, article.description, article.body,
                article.tagList, article.language, article.status.value(), article.publishAt, article.publishedAt,
                article.updatedAt);
    }

    /** The article and, by the schema's cascades, its tags, slugs and favorites. */
    public Uni<Void> delete(UUID id) {
        return sql.execute("delete from article where id = $1", id);
    }

    public Uni<UUID> idForSlug(String slug) {
        return sql.first("select article_id from article_slug where slug = $1", row -> row.getUUID("article_id"),
                slug);
    }

    /**
     * Slugs ever used that could collide with {@code base}: itself and {@code base-N}. The column compares bytes
     * (collation "C", V4), so those starting with {@code base-} are the key range from {@code base-} up to
     * {@code base.} ('.' follows '-'): one index range scan.
     */
    public Uni<Set<String>> slugsLike(String base) {
        return sql.list("select slug from article_slug where slug = $1 or (slug >= $2 and slug < $3)",
                row -> row.getString("slug"), base, base + "-", base + ".").map(HashSet::new);
    }

    public Uni<Void> claimSlug(String slug, UUID articleId) {
        return sql.execute("insert into article_slug (slug, article_id) values ($1, $2)", slug, articleId);
    }

    public Uni<Void> replaceTags(UUID articleId, List<String> tags) {
        return sql.execute("delete from article_tag where article_id = $1", articleId)
                .chain(() -> addTags(articleId, tags));
    }

    /** All tags of an article in one statement (a new article has none to replace). */
    public Uni<Void> addTags(UUID articleId, List<String> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.execute("insert into article_tag (article_id, tag) select $1, unnest($2::text[])", articleId,
                tags.toArray(String[]::new));
    }

    /** Returns whether the favorite is new; the article's count follows. */
    public Uni<Boolean> addFavorite(UUID userId, UUID articleId) {
        return sql.update("insert into favorite (user_id, article_id, created_at) values ($1, $2, $3) "
                + "on conflict do nothing", userId, articleId, Instant.now())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : sql.execute("update article set favorites_count = favorites_count + 1 where id = $1",
                                articleId)
                                .replaceWith(true));
    }

    public Uni<Boolean> removeFavorite(UUID userId, UUID articleId) {
        return sql.update("delete from favorite where user_id = $1 and article_id = $2", userId, articleId)
                .chain(deleted -> deleted == 0 ? Uni.createFrom().item(false)
                        : sql.execute("update article set favorites_count = favorites_count - 1 where id = $1",
                                articleId)
                                .replaceWith(true));
    }

    /** Follows comment.events: visible comments count, and the count never drops below zero. */
    public Uni<Void> countComment(UUID articleId, int delta) {
        return sql.execute("update article set comments_count = greatest(0, comments_count + $2) where id = $1",
                articleId, delta);
    }

    /** Scheduled articles whose time has come, locked so that two instances never publish the same one. */
    public Uni<List<Article>> dueForPublication(Instant now, int max) {
        return sql.list(SELECT + " where status = 'scheduled' and publish_at <= $1 order by publish_at limit $2 "
                + "for update skip locked", ArticleRepository::article, now, max);
    }

    private static Article article(Row row) {
        Article article = new Article();
        article.id = row.getUUID("id");
        article.slug = row.getString("slug");
        article.title = row.getString("title");
        article.description = row.getString("description");
        article.body = row.getString("body");
        article.tagList = row.getString("tag_list");
        article.language = row.getString("language");
        article.authorId = row.getUUID("author_id");
        article.status = ArticleStatus.of(row.getString("status"));
        article.publishAt = Sql.instant(row, "publish_at");
        article.publishedAt = Sql.instant(row, "published_at");
        article.favoritesCount = row.getInteger("favorites_count");
        article.commentsCount = row.getInteger("comments_count");
        article.createdAt = Sql.instant(row, "created_at");
        article.updatedAt = Sql.instant(row, "updated_at");
        return article;
    }
}
