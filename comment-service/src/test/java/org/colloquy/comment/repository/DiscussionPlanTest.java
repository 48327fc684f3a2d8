package org.colloquy.comment.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.colloquy.comment.CommentServiceTest;
import org.colloquy.testing.PreparedPlans;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With a thousand authors and ten comments per article (the benchmark's shape), a discussion page finds its article by
 * the slug's index and looks its comments' authors and the viewer's follows up per comment, by index, planned for its
 * values and planned generically: it never reads a replica whole, as the plain joins did for every page.
 */
@QuarkusTest
@CommentServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscussionPlanTest {

    static final String SEED = "plan-" + UUID.randomUUID();
    static final UUID READER = UUID.randomUUID();

    @Inject
    Pool pool;

    @BeforeAll
    void loadThousandAuthorsAndTenCommentsPerArticle() {
        run("""
                insert into author (user_id, username) select md5('SEED-author-' || g)::uuid, 'SEED-author-' || g
                from generate_series(1, 1000) g;
                insert into article_replica (article_id, slug, author_id, published)
                select md5('SEED-article-' || g)::uuid, 'SEED-article-' || g, md5('SEED-author-1')::uuid, true
                from generate_series(1, 5000) g;
                insert into article_replica_slug (slug, article_id)
                select 'SEED-article-' || g, md5('SEED-article-' || g)::uuid from generate_series(1, 5000) g;
                insert into comment (article_id, author_id, body, status, posted_at, created_at, updated_at)
                select md5('SEED-article-' || (g % 5000 + 1))::uuid, md5('SEED-author-' || (g % 1000 + 1))::uuid,
                  'Kommentar ' || g, 'visible', now(), now(), now()
                from generate_series(1, 50000) g;
                insert into author_follow (follower_id, followee_id)
                select 'READER'::uuid, md5('SEED-author-' || g)::uuid from generate_series(2, 1000, 2) g;
                analyze""".replace("SEED", SEED).replace("READER", READER.toString()));
    }

    @Test
    void anonymousPageLooksUpEachAuthor() {
        assertLooksUpPerComment(null);
    }

    @Test
    void signedInPageLooksUpEachAuthorAndFollow() {
        assertLooksUpPerComment(READER);
    }

    private void assertLooksUpPerComment(UUID viewer) {
        for (String mode : PreparedPlans.MODES) {
            String plan = PreparedPlans.explain(pool, CommentQueries.discussionPage(100, 0),
                    Arrays.asList(viewer, SEED + "-article-7", false), mode);
            assertThat(plan).as(plan).contains("article_replica_slug_pkey").contains("on comment_article")
                    .contains("Index Scan using author_pkey").doesNotContain("Seq Scan").doesNotContain("Hash")
                    .as("the article's slug is read once, not per comment").doesNotContain("article_replica ar");
        }
    }

    private void run(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(120));
    }
}
