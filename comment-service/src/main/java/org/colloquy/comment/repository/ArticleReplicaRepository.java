package org.colloquy.comment.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.persistence.NativeSql;

/** The replica of articles (slug, author, public or not), kept from article.events. */
@ApplicationScoped
public class ArticleReplicaRepository {

    public record ArticleRef(UUID id, String slug, UUID authorId, boolean published) {
    }

    public Uni<Void> article(UUID id, String slug, UUID authorId, boolean published) {
        return NativeSql.execute("""
                insert into article_replica (article_id, slug, author_id, published) values (?1, ?2, ?3, ?4)
                on conflict (article_id) do update set slug = excluded.slug, author_id = excluded.author_id,
                published = excluded.published""", id, slug, authorId, published)
                .chain(() -> slug(slug, id));
    }

    /** Follows a slug change; the article keeps its author. */
    public Uni<Void> renamed(UUID id, String slug) {
        return NativeSql.execute("update article_replica set slug = ?2 where article_id = ?1", id, slug)
                .chain(() -> slug(slug, id));
    }

    public Uni<Void> published(UUID id, boolean published) {
        return NativeSql.execute("update article_replica set published = ?2 where article_id = ?1", id, published);
    }

    public Uni<ArticleRef> articleForSlug(String slug) {
        return NativeSql.list("""
                select cast(a.article_id as text), a.slug, cast(a.author_id as text), a.published
                from article_replica_slug s join article_replica a on a.article_id = s.article_id where s.slug = ?1""",
                slug).map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = (Object[]) rows.get(0);
                    return new ArticleRef(UUID.fromString(row[0].toString()), row[1].toString(),
                            UUID.fromString(row[2].toString()), (Boolean) row[3]);
                });
    }

    public Uni<ArticleRef> articleOf(UUID articleId) {
        return NativeSql.list("select a.slug, cast(a.author_id as text), a.published from article_replica a "
                + "where a.article_id = ?1", articleId).map(rows -> {
                    Object[] row = (Object[]) rows.get(0);
                    return new ArticleRef(articleId, row[0].toString(), UUID.fromString(row[1].toString()),
                            (Boolean) row[2]);
                });
    }

    private Uni<Void> slug(String slug, UUID id) {
        return NativeSql.execute("insert into article_replica_slug (slug, article_id) values (?1, ?2) "
                + "on conflict (slug) do update set article_id = excluded.article_id", slug, id);
    }
}
