package org.colloquy.article.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.colloquy.article.domain.Article;
import org.colloquy.persistence.NativeSql;

/** Writes of articles and what hangs on them, in the caller's transaction. */
@ApplicationScoped
public class ArticleRepository implements PanacheRepositoryBase<Article, UUID> {

    /** Locks the article's row: writes to one article are serialized, so their events stay in order. */
    public Uni<Article> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<UUID> idForSlug(String slug) {
        return NativeSql.list("select cast(article_id as text) from article_slug where slug = ?1", slug)
                .map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0).toString()));
    }

    /**
     * Slugs ever used that could collide with {@code base}: itself and {@code base-N}. The column compares bytes
     * (collation "C", V4), so those starting with {@code base-} are the key range from {@code base-} up to
     * {@code base.} ('.' follows '-'): one index range scan.
     */
    public Uni<Set<String>> slugsLike(String base) {
        return NativeSql.list("select slug from article_slug where slug = ?1 or (slug >= ?2 and slug < ?3)", base,
                base + "-", base + ".")
                .map(rows -> new HashSet<>(rows.stream().map(Object::toString).toList()));
    }

    public Uni<Void> claimSlug(String slug, UUID articleId) {
        return NativeSql.execute("insert into article_slug (slug, article_id) values (?1, ?2)", slug, articleId);
    }

    public Uni<Void> replaceTags(UUID articleId, List<String> tags) {
        return NativeSql.execute("delete from article_tag where article_id = ?1", articleId)
                .chain(() -> addTags(articleId, tags));
    }

    /** All tags of an article in one statement (a new article has none to replace). */
    public Uni<Void> addTags(UUID articleId, List<String> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into article_tag (article_id, tag) values ");
        Object[] parameters = new Object[tags.size() + 1];
        parameters[0] = articleId;
        for (int i = 0; i < tags.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(i + 2).append(')');
            parameters[i + 1] = tags.get(i);
        }
        return NativeSql.execute(sql.toString(), parameters);
    }

    /** Returns whether the favorite is new; the article's count follows. */
    public Uni<Boolean> addFavorite(UUID userId, UUID articleId) {
        return NativeSql.update("insert into favorite (user_id, article_id, created_at) values (?1, ?2, ?3) "
                + "on conflict do nothing", userId, articleId, Instant.now().atOffset(ZoneOffset.UTC))
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : NativeSql.execute("update article set favorites_count = favorites_count + 1 where id = ?1",
                                articleId)
                                .replaceWith(true));
    }

    public Uni<Boolean> removeFavorite(UUID userId, UUID articleId) {
        return NativeSql.update("delete from favorite where user_id = ?1 and article_id = ?2", userId, articleId)
                .chain(deleted -> deleted == 0 ? Uni.createFrom().item(false)
                        : NativeSql.execute("update article set favorites_count = favorites_count - 1 where id = ?1",
                                articleId)
                                .replaceWith(true));
    }

    /** Scheduled articles whose time has come, locked so that two instances never publish the same one. */
    /** Follows comment.events: visible comments count, and the count never drops below zero. */
    public Uni<Void> countComment(UUID articleId, int delta) {
        return NativeSql.execute("update article set comments_count = greatest(0, comments_count + ?2) where id = ?1",
                articleId, delta);
    }

    public Uni<List<Article>> dueForPublication(Instant now, int max) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select * from article where status = 'scheduled' and publish_at <= ?1 order by publish_at "
                                + "limit ?2 for update skip locked", Article.class)
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, max).getResultList());
    }
}
