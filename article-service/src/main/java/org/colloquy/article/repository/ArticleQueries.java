package org.colloquy.article.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.colloquy.persistence.PageClause;

/**
 * The reads of article-service, in SQL over the reactive client, each shaped for an index of V1__articles.sql:
 * lists walk {@code article_published} (newest first) or a per-author index; filters are index look-ups.
 */
@ApplicationScoped
public class ArticleQueries {

    /** {@code $1} is always the viewer (null for anonymous readers). */
    private static final String COLUMNS = """
            a.id, a.slug, a.title, a.description, %s, a.tag_list, a.language, a.status, a.publish_at, a.created_at,
            a.updated_at, a.favorites_count, a.comments_count, a.author_id, au.username, au.bio, au.image, %s
            from article a left join author au on au.user_id = a.author_id""";
    /** The viewer's flags of one article, in its row. */
    private static final String FLAGS = """
            exists (select 1 from favorite f where f.article_id = a.id and f.user_id = $1) as favorited,
            exists (select 1 from author_follow af where af.follower_id = $1 and af.followee_id = a.author_id)
              as following""";
    /** An anonymous page: no flags to look up. */
    private static final String NO_FLAGS = "false as favorited, false as following";
    /**
     * A signed-in page: the viewer's flags joined to the page's rows, which PostgreSQL looks up by key for the rows
     * the limit keeps only (nested loops under the limit). As subqueries in the select list they cost a signed-in page
     * 2.5 times an anonymous one; as a second statement over the page's ids, one more round trip after the page.
     */
    private static final String PAGE_FLAGS =
            "f.user_id is not null as favorited, af.follower_id is not null as following";
    private static final String FLAG_JOINS = " left join favorite f on f.article_id = a.id and f.user_id = $1"
            + " left join author_follow af on af.follower_id = $1 and af.followee_id = a.author_id";

    /**
     * Every statement gets the viewer as {@code $1}; the count query may not otherwise use it, and PostgreSQL must
     * know its type. The condition is always true and costs nothing.
     */
    private static final String VIEWER_TYPED = " where ($1::uuid is null or $1::uuid is not null)";

    public record Filter(String tag, String author, String favoritedBy, boolean feedOnly) {
    }

    public record Page(List<ArticleView> articles, long count) {
    }

    private final Pool pool;

    public ArticleQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * The article behind a current or old slug, with the viewer's flags: one statement (the slug's look-up and the
     * article were two round trips). On the pool, not through a Hibernate session, whose native-query plan cache made
     * the slug's look-up the costliest part of a read by slug.
     */
    public Uni<Optional<ArticleView>> bySlug(String slug, UUID viewer) {
        return pool.preparedQuery("select " + COLUMNS.formatted("a.body", FLAGS)
                        + " join article_slug s on s.article_id = a.id where s.slug = $2")
                .execute(Tuple.of(viewer, slug)).map(ArticleQueries::single);
    }

    public Uni<Optional<ArticleView>> byId(UUID id, UUID viewer) {
        return pool.preparedQuery("select " + COLUMNS.formatted("a.body", FLAGS) + " where a.id = $2")
                .execute(Tuple.of(viewer, id)).map(ArticleQueries::single);
    }

    private static Optional<ArticleView> single(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(ArticleView.from(rows.iterator().next(), true));
    }

    /** Published articles, newest first, without bodies; {@code feedOnly} keeps the viewer's followed authors. */
    public Uni<Page> published(Filter filter, UUID viewer, int limit, int offset) {
        return run(publishedStatement(filter, viewer, limit, offset));
    }

    /** The author's drafts and scheduled articles, most recently changed first. */
    public Uni<Page> unpublishedOf(UUID author, int limit, int offset) {
        List<Object> parameters = new ArrayList<>(List.of(author));
        return run(statement(new StringBuilder(VIEWER_TYPED + " and a.status <> 'published' and a.author_id = $1"),
                parameters, author, "a.updated_at desc, a.id desc", limit, offset));
    }

    /** A page query and its count query, with their parameters ({@code $1}, the viewer, first). */
    record Statement(String page, String count, List<Object> parameters) {
    }

    Statement publishedStatement(Filter filter, UUID viewer, int limit, int offset) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(viewer);
        StringBuilder where = new StringBuilder(VIEWER_TYPED + " and a.status = 'published'");
        if (filter.tag() != null) {
            parameters.add(filter.tag());
            where.append(" and exists (select 1 from article_tag t where t.article_id = a.id and t.tag = $")
                    .append(parameters.size()).append(")");
        }
        if (filter.author() != null) {
            parameters.add(filter.author());
            where.append(" and a.author_id in (select user_id from author where lower(username) = lower($")
                    .append(parameters.size()).append("))");
        }
        if (filter.favoritedBy() != null) {
            parameters.add(filter.favoritedBy());
            where.append(" and exists (select 1 from favorite f join author fu on fu.user_id = f.user_id"
                    + " where f.article_id = a.id and lower(fu.username) = lower($").append(parameters.size())
                    .append("))");
        }
        if (filter.feedOnly()) {
            where.append(" and a.author_id in (select followee_id from author_follow where follower_id = $1)");
        }
        Statement statement = statement(where, parameters, viewer, "a.published_at desc, a.id desc", limit, offset);
        if (parameters.size() == 1 && !filter.feedOnly()) { // the unfiltered list: the count is kept (V2 migration)
            return new Statement(statement.page(),
                    "select coalesce(sum(articles), 0)::bigint from published_article_count" + VIEWER_TYPED,
                    parameters);
        }
        return statement;
    }

    private static Statement statement(StringBuilder where, List<Object> parameters, UUID viewer, String order,
            int limit, int offset) {
        String columns = viewer == null ? COLUMNS.formatted("null as body", NO_FLAGS)
                : COLUMNS.formatted("null as body", PAGE_FLAGS) + FLAG_JOINS;
        String page = "select " + columns + where + " order by " + order + PageClause.of(limit, offset);
        return new Statement(page, "select count(*) from article a" + where, parameters);
    }

    public Uni<List<String>> tags() {
        return pool.query("""
                select t.tag from article_tag t join article a on a.id = t.article_id and a.status = 'published'
                group by t.tag order by count(*) desc, t.tag limit 200""").execute()
                .map(rows -> {
                    List<String> tags = new ArrayList<>();
                    rows.forEach(row -> tags.add(row.getString("tag")));
                    return tags;
                });
    }

    private Uni<Page> run(Statement statement) {
        Tuple parameters = Tuple.from(statement.parameters());
        Uni<List<ArticleView>> articles = pool.preparedQuery(statement.page()).execute(parameters).map(rows -> {
            List<ArticleView> views = new ArrayList<>();
            for (Row row : rows) {
                views.add(ArticleView.from(row, false));
            }
            return views;
        });
        Uni<Long> total = pool.preparedQuery(statement.count()).execute(parameters)
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(articles, total).asTuple().map(t -> new Page(t.getItem1(), t.getItem2()));
    }
}
