package org.colloquy.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.persistence.Sql;

/** The replica of articles (slug, author, public or not), kept from article.events. */
@ApplicationScoped
public class ArticleReplicaRepository {

    private final Sql sql;

    public ArticleReplicaRepository(Sql sql) {
        this.sql = sql;
    }

    public record ArticleRef(UUID id, String slug, UUID authorId, boolean published) {
    }

    public Uni<Void> article(UUID id, String slug, UUID authorId, boolean published) {
        return sql.execute("""
                insert into article_replica (article_id, slug, author_id, published) values ($1, $2, $3, $4)
                on conflict (article_id) do update set slug = excluded.slug, author_id = excluded.author_id,
                published = excluded.published""", id, slug, authorId, published)
                .chain(() -> slug(slug, id));
    }

    /** Follows a slug change; the article keeps its author. */
    public Uni<Void> renamed(UUID id, String slug) {
        return sql.execute("update article_replica set slug = $2 where article_id = $1", id, slug)
                .chain(() -> slug(slug, id));
    }

    public Uni<Void> published(UUID id, boolean published) {
        return sql.execute("update article_replica set published = $2 where article_id = $1", id, published);
    }

    public Uni<ArticleRef> articleForSlug(String slug) {
        return sql.first("""
                select a.article_id, a.slug, a.author_id, a.published
                from article_replica_slug s join article_replica a on a.article_id = s.article_id where s.slug = $1""",
                ArticleReplicaRepository::ref, slug);
    }

    public Uni<ArticleRef> articleOf(UUID articleId) {
        return sql.first("select a.article_id, a.slug, a.author_id, a.published from article_replica a "
                + "where a.article_id = $1", ArticleReplicaRepository::ref, articleId);
    }

    private static ArticleRef ref(Row row) {
        return new ArticleRef(row.getUUID("article_id"), row.getString("slug"), row.getUUID("author_id"),
                row.getBoolean("published"));
    }

    private Uni<Void> slug(String slug, UUID id) {
        return sql.execute("insert into article_replica_slug (slug, article_id) values ($1, $2) "
                + "on conflict (slug) do update set article_id = excluded.article_id", slug, id);
    }
}
