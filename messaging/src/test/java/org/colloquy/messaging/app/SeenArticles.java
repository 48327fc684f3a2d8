package org.colloquy.messaging.app;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.EventMetadata;
import org.colloquy.messaging.inbox.Inbox;
import org.colloquy.persistence.Sql;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

/**
 * A consumer in the shape every service has. Titles steer failures: {@code explode} always fails, {@code flaky}
 * fails on its first attempt only.
 */
@ApplicationScoped
public class SeenArticles {

    private final Inbox inbox;
    private final Sql sql;
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final EventHandlers handlers = EventHandlers.builder()
            .on(ArticlePublished.class, this::onPublished)
            .on(ArticleUpdated.class, (ArticleUpdated event, EventMetadata metadata) -> record(metadata.id(),
                    event.articleId(), event.title()))
            .build();

    public SeenArticles(Inbox inbox, Sql sql) {
        this.inbox = inbox;
        this.sql = sql;
    }

    @Incoming("article-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, handlers);
    }

    private Uni<Void> onPublished(ArticlePublished event, EventMetadata metadata) {
        if (event.title().equals("explode")) {
            return Uni.createFrom().failure(new IllegalStateException("handler cannot cope with " + event.articleId()));
        }
        if (event.title().equals("flaky") && failedOnce.add(event.articleId())) {
            return Uni.createFrom().failure(new IllegalStateException("first attempt fails"));
        }
        return record(metadata.id(), event.articleId(), event.title());
    }

    private Uni<Void> record(String eventId, String articleId, String title) {
        return sql.execute("insert into seen_article (event_id, article_id, title, trace_id, mdc_event_id) "
                + "values ($1, $2, $3, $4, $5)", eventId, articleId, title,
                Span.current().getSpanContext().getTraceId(), String.valueOf(MDC.get("eventId")));
    }
}
