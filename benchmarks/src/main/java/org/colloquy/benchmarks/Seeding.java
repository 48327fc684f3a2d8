package org.colloquy.benchmarks;

import java.util.Locale;
import java.util.UUID;
import org.colloquy.platform.PlatformConfig;
import org.colloquy.platform.PlatformService;

/**
 * Loads the read path's data set straight into the owners' tables with set-based SQL: articles (and their authors)
 * into article-service, and the comments with the replicas comment-service reads (articles, authors) into
 * comment-service; article-service's comment counts match. This is seeding, not a measured path: going through the
 * API and the events would take hours on this machine.
 */
final class Seeding {

    private static final int AUTHORS = 1000;

    private Seeding() {
    }

    /** The slug of seeded article {@code n} (1-based). */
    static String slug(int n) {
        return "seed-article-" + n;
    }

    static void seed(Databases databases, PlatformConfig config, int articles, int comments, Results results) {
        long start = System.nanoTime();
        String author = "md5('seed-author-' || (%s %% " + AUTHORS + " + 1))::uuid";
        String article = "md5('seed-article-' || %s)::uuid";
        int perArticle = Math.max(1, comments / articles);
        databases.execute(config.database(PlatformService.ARTICLE), String.format(Locale.ROOT, """
                insert into author (user_id, username)
                  select %1$s, 'seed-author-' || g from generate_series(1, %2$d) g on conflict do nothing;
                insert into article (id, slug, title, description, body, tag_list, author_id, status, published_at,
                    favorites_count, comments_count, created_at, updated_at)
                  select %3$s, 'seed-article-' || g, 'Seeded article ' || g, 'Seeded for the read benchmark',
                    repeat('Seeded article body. ', 20), '["seed"]', %4$s, 'published',
                    now() - interval '1 day' - g * interval '1 second', 0, %5$d, now(), now()
                  from generate_series(1, %6$d) g;
                insert into article_slug (slug, article_id) select 'seed-article-' || g, %3$s
                  from generate_series(1, %6$d) g;
                insert into article_tag (article_id, tag) select %3$s, 'seed' from generate_series(1, %6$d) g;
                """, author.formatted("g"), AUTHORS, article.formatted("g"), author.formatted("g"), perArticle,
                articles));
        databases.execute(config.database(PlatformService.COMMENT), String.format(Locale.ROOT, """
                insert into author (user_id, username)
                  select %1$s, 'seed-author-' || g from generate_series(1, %2$d) g on conflict do nothing;
                insert into article_replica (article_id, slug, author_id, published)
                  select %3$s, 'seed-article-' || g, %4$s, true from generate_series(1, %5$d) g;
                insert into article_replica_slug (slug, article_id) select 'seed-article-' || g, %3$s
                  from generate_series(1, %5$d) g;
                insert into comment (article_id, author_id, body, status, posted_at, created_at, updated_at)
                  select %6$s, %7$s, 'Seeded comment ' || g || '.', 'visible', now() - interval '1 day',
                    now() - interval '1 day', now() - interval '1 day'
                  from generate_series(1, %8$d) g;
                """, author.formatted("g"), AUTHORS, article.formatted("g"), author.formatted("g"), articles,
                article.formatted("(g % " + articles + " + 1)"), author.formatted("g"), comments));
        results.note(String.format(Locale.ROOT, "seeded %d articles and %d comments (%d per article) by SQL in %.0f s",
                articles, comments, perArticle, (System.nanoTime() - start) / 1e9));
    }

    /**
     * The signed-in reader follows every other seeded author, in the follow replicas article-service and
     * comment-service read, so that the {@code following} flags of a signed-in read find rows half of the time.
     */
    static void follow(Databases databases, PlatformConfig config, String readerId) {
        String rows = String.format(Locale.ROOT, """
                insert into author_follow (follower_id, followee_id)
                  select '%s'::uuid, md5('seed-author-' || g)::uuid from generate_series(2, %d, 2) g
                  on conflict do nothing;
                """, UUID.fromString(readerId), AUTHORS);
        databases.execute(config.database(PlatformService.ARTICLE), rows);
        databases.execute(config.database(PlatformService.COMMENT), rows);
    }

    /**
     * ANALYZE every service database: the server may run without autovacuum (this machine's does), and then the
     * planner would plan the seeded tables, and those the write path filled, with the statistics of empty tables.
     */
    static void analyze(Databases databases, PlatformConfig config, Results results) {
        long start = System.nanoTime();
        for (PlatformService service : PlatformService.BACKENDS) {
            databases.execute(config.database(service), "analyze");
        }
        results.note(String.format(Locale.ROOT, "ANALYZE of the four service databases after seeding took %.1f s",
                (System.nanoTime() - start) / 1e9));
    }
}
