package org.colloquy.article.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes scheduled articles when their time comes. The schedule lives in the database, so a restart loses
 * nothing: due articles are published on the first run after it. Rows are claimed with SKIP LOCKED, so several
 * instances share the work.
 */
@ApplicationScoped
public class PublicationScheduler {

    private static final int BATCH = 100;

    private final ArticleService articles;

    public PublicationScheduler(ArticleService articles) {
        this.articles = articles;
    }

    @Scheduled(identity = "publish-scheduled-articles", every = "${colloquy.articles.schedule-check:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> publishDue() {
        return articles.publishDue(BATCH)
                .chain(published -> published == BATCH ? publishDue() : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Publishing scheduled articles failed, retrying on the next run: %s",
                            failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
