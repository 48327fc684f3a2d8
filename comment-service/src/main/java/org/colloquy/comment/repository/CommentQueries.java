package org.colloquy.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.colloquy.comment.domain.ModerationQueue;
import org.colloquy.persistence.PageClause;

/** The reads: a discussion oldest first (index comment_article), and the moderation queues (comment_queue). */
@ApplicationScoped
public class CommentQueries {

    /**
     * A comment with its author, whether the viewer ($1) follows them, and its article's slug. The author and the
     * follow are lateral look-ups with a limit, which PostgreSQL plans as one index look-up per comment of the page:
     * as plain joins it hashed the whole author replica (and the viewer's follows) for every page while the replica
     * was small, which was most of a discussion read (0.56 against 0.23 ms per read, 1.10 against 0.23 signed in, at
     * the benchmark's 1,000 authors and 1,000,000 comments; DiscussionPlanTest). %s: the slug's expression.
     */
    private static final String COMMENT_WITH_SLUG = """
            select c.id, c.parent_id, c.body, c.status, c.created_at, c.updated_at, c.held_rule, c.reject_reason,
              c.flag_count, au.username, au.bio, au.image, %s as slug, f.following is not null as following
            from comment c
            left join lateral (select a.username, a.bio, a.image from author a where a.user_id = c.author_id
              limit 1) au on true
            left join lateral (select true as following from author_follow af where af.follower_id = $1
              and af.followee_id = c.author_id limit 1) f on true""";

    /** A comment of any article: the slug joined from the article replica. */
    private static final String COLUMNS = COMMENT_WITH_SLUG.formatted("ar.slug")
            + " left join article_replica ar on ar.article_id = c.article_id";

    /** What a viewer ($1) sees of an article's comments (%s: the article); $3: whether the viewer is a moderator. */
    private static final String DISCUSSION = " " + """
            where c.article_id = %s and (c.status = 'visible'
               or (c.status = 'deleted' and exists (select 1 from comment r where r.parent_id = c.id
                   and r.status <> 'deleted'))
               or (c.status in ('pending', 'rejected') and ($3 or c.author_id = $1)))""";

    public record Page(List<CommentView> comments, long count) {
    }

    private final Pool pool;

    public CommentQueries(Pool pool) {
        this.pool = pool;
    }

    /** The article behind a slug (null when the slug is unknown) and, if it is published, a page of its discussion. */
    public record Discussion(ArticleReplicaRepository.ArticleRef article, Page page) {
    }

    /**
     * Visible comments, deleted ones that still have replies (as markers), and held or rejected ones for their
     * author and for moderators; oldest first. One statement finds the article by its current or old slug and reads
     * the page (the article's look-up was a round trip of its own).
     */
    public Uni<Discussion> discussion(String slug, UUID viewer, boolean moderator, int limit, int offset) {
        return pool.preparedQuery(discussionPage(limit, offset)).execute(Tuple.of(viewer, slug, moderator))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Discussion(null, null));
                    }
                    Row first = rows.iterator().next();
                    ArticleReplicaRepository.ArticleRef article = new ArticleReplicaRepository.ArticleRef(
                            first.getUUID("article_id"), first.getString("article_slug"),
                            first.getUUID("article_author_id"), first.getBoolean("article_published"));
                    List<CommentView> comments = new ArrayList<>();
                    rows.forEach(row -> {
                        if (row.getLong("id") != null) { // an article without (visible) comments: its row only
                            comments.add(CommentView.from(row));
                        }
                    });
                    return counted(comments, "select count(*) from comment c" + DISCUSSION.formatted("$2"),
                            Tuple.of(viewer, article.id(), moderator), limit, offset)
                            .map(page -> new Discussion(article, page));
                });
    }

    /**
     * The statement of a discussion page; its parameters: viewer, slug, whether the viewer moderates. One row per
     * comment, each with the article's columns; one row with null comment columns for an article without comments
     * (or unpublished), none for an unknown slug.
     */
    static String discussionPage(int limit, int offset) {
        return "select a.article_id, a.slug as article_slug, a.author_id as article_author_id, "
                + "a.published as article_published, p.* "
                + "from article_replica_slug s join article_replica a on a.article_id = s.article_id "
                + "left join lateral (" + COMMENT_WITH_SLUG.formatted("a.slug") + DISCUSSION.formatted("a.article_id")
                + " order by c.id" + PageClause.of(limit, offset)
                + ") p on a.published where s.slug = $2 order by p.id";
    }

    public Uni<CommentView> one(long id, UUID viewer) {
        return pool.preparedQuery(COLUMNS + " where c.id = $2").execute(Tuple.of(viewer, id))
                .map(rows -> rows.size() == 0 ? null : CommentView.from(rows.iterator().next()));
    }

    /** A moderation queue, oldest first. */
    public Uni<Page> queue(ModerationQueue queue, int limit, int offset) {
        String where = queue == ModerationQueue.FLAGGED ? " where c.flag_count > 0 and c.status <> 'deleted'"
                : " where c.status = $2";
        String typed = " and ($1::uuid is null) and $2::text is not null";
        return page(COLUMNS + where + typed + " order by c.id" + PageClause.of(limit, offset),
                Tuple.of(null, queue.value()),
                "select count(*) from comment c" + where + typed, limit, offset);
    }

    private Uni<Page> page(String sql, Tuple parameters, String countSql, int limit, int offset) {
        return pool.preparedQuery(sql).execute(parameters).map(CommentQueries::views)
                .chain(comments -> counted(comments, countSql, parameters, limit, offset));
    }

    /**
     * The page, and the count only when the page cannot tell it: a page that is not full, and not past the end,
     * holds the last rows, so there are {@code offset + size} of them. Most discussions fit on one page, so most
     * reads are one statement (the count was a third of a discussion read's statements).
     */
    private Uni<Page> counted(List<CommentView> comments, String countSql, Tuple parameters, int limit, int offset) {
        if (comments.size() < limit && (!comments.isEmpty() || offset == 0)) {
            return Uni.createFrom().item(new Page(comments, offset + comments.size()));
        }
        return pool.preparedQuery(countSql).execute(parameters)
                .map(rows -> new Page(comments, rows.iterator().next().getLong(0)));
    }

    private static List<CommentView> views(RowSet<Row> rows) {
        List<CommentView> views = new ArrayList<>();
        rows.forEach(row -> views.add(CommentView.from(row)));
        return views;
    }
}
