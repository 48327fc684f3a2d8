package org.colloquy.article.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.colloquy.article.ArticleServiceTest;
import org.colloquy.article.repository.ArticleQueries.Filter;
import org.colloquy.article.repository.ArticleQueries.Statement;
import org.colloquy.testing.PreparedPlans;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With 100 000 published articles, every list query is answered from an index, never by reading the whole article
 * table, and without parallel workers: planned for its parameters and planned generically, as PostgreSQL may plan a
 * statement the service keeps prepared. (Speed itself is measured by the benchmark, not by timed tests.)
 */
@QuarkusTest
@ArticleServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListQueryPlanTest {

    static final UUID AUTHOR = UUID.randomUUID();
    static final UUID READER = UUID.randomUUID();

    @Inject
    Pool pool;

    @Inject
    ArticleQueries queries;

    @BeforeAll
    void loadHundredThousandArticles() {
        run("insert into author (user_id, username) values ('" + AUTHOR + "', 'plan-author-" + AUTHOR + "'), ('"
                + READER + "', 'plan-reader-" + READER + "') on conflict do nothing");
        run("""
                insert into article (id, slug, title, description, body, author_id, status, published_at, created_at,
                  updated_at)
                select gen_random_uuid(), 'plan-' || g || '-' || md5(random()::text), 'Titel ' || g, 'Beschreibung',
                  repeat('Text of an article. ', 20),
                  case when g % 1000 = 0 then 'AUTHOR'::uuid else gen_random_uuid() end, 'published',
                  now() - g * interval '1 minute', now(), now()
                from generate_series(1, 100000) g""".replace("AUTHOR", AUTHOR.toString()));
        run("insert into article_tag (article_id, tag) select id, 'plan-tag' from article where author_id = '"
                + AUTHOR + "'");
        run("insert into author_follow (follower_id, followee_id) values ('" + READER + "', '" + AUTHOR + "')");
        run("insert into favorite (user_id, article_id, created_at) select '" + READER + "', id, now() from article "
                + "where author_id = '" + AUTHOR + "' limit 10");
        run("analyze");
    }

    @Test
    void globalListUsesTheNewestFirstIndex() {
        assertIndexed(new Filter(null, null, null, false));
    }

    @Test
    void authorFilterUsesAnIndex() {
        assertIndexed(new Filter(null, "plan-author-" + AUTHOR, null, false));
    }

    @Test
    void tagFilterUsesAnIndex() {
        assertIndexed(new Filter("plan-tag", null, null, false));
    }

    @Test
    void favoritedFilterUsesAnIndex() {
        assertIndexed(new Filter(null, null, "plan-reader-" + READER, false));
    }

    @Test
    void feedUsesAnIndex() {
        assertIndexed(new Filter(null, null, null, true));
    }

    @Test
    void anonymousListReadsOnlyItsPage() {
        assertReadsOnlyItsPage(queries.publishedStatement(new Filter(null, null, null, false), null, 20, 0), 20);
    }

    @Test
    void signedInListReadsOnlyItsPage() {
        assertReadsOnlyItsPage(queries.publishedStatement(new Filter(null, null, null, false), READER, 20, 0), 20);
        assertReadsOnlyItsPage(queries.publishedStatement(new Filter(null, null, null, false), READER, 100, 500),
                100);
    }

    /**
     * Walks the newest-first index up to the page's end, no sort of all published articles, and the plan knows the
     * page's size: a generic plan of {@code limit $n} assumes a tenth of the table (10,000 rows here), and at the
     * benchmark's data PostgreSQL then chose a parallel scan with two workers for every page.
     */
    private void assertReadsOnlyItsPage(Statement statement, int limit) {
        for (String mode : PreparedPlans.MODES) {
            String pagePlan = explain(statement.page(), statement.parameters(), mode);
            assertThat(pagePlan).as(pagePlan).contains("Index Scan using article_published").doesNotContain("Sort");
            assertThat(pagePlan.lines().findFirst().orElseThrow()).as(pagePlan).startsWith("Limit")
                    .contains(" rows=" + limit + " ");
        }
    }

    private void assertIndexed(Filter filter) {
        Statement statement = queries.publishedStatement(filter, READER, 20, 0);
        for (String mode : PreparedPlans.MODES) {
            String countPlan = explain(statement.count(), statement.parameters(), mode);
            if (filter.tag() != null || filter.author() != null || filter.favoritedBy() != null
                    || filter.feedOnly()) {
                assertThat(countPlan).as(countPlan).doesNotContain("Seq Scan on article ").doesNotContain("Gather");
            }
        }
    }

    private void assertPage(Statement statement) {
        for (String mode : PreparedPlans.MODES) {
            String pagePlan = explain(statement.page(), statement.parameters(), mode);
            assertThat(pagePlan).as(pagePlan).doesNotContain("Seq Scan on article ").doesNotContain("Gather");
        }
    }

    private String explain(String sql, List<Object> parameters, String planMode) {
        return PreparedPlans.explain(pool, sql, parameters, planMode);
    }

    private void run(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(120));
    }
}
