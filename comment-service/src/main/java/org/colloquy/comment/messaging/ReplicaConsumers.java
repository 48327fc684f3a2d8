package org.colloquy.comment.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.authors.UserEventHandlers;
import org.colloquy.comment.repository.ArticleReplicaRepository;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps what comment-service knows of articles (slug, author, public or not) and, through the shared author replica,
 * of users (profiles, follows, revoked tokens). An unpublished or deleted article hides its discussion; published
 * again, the discussion comes back.
 */
@ApplicationScoped
public class ReplicaConsumers {

    private final Inbox inbox;
    private final EventHandlers articleHandlers;
    private final UserEventHandlers userEvents;

    public ReplicaConsumers(Inbox inbox, ArticleReplicaRepository articles, UserEventHandlers userEvents) {
        this.inbox = inbox;
        this.userEvents = userEvents;
        this.articleHandlers = EventHandlers.builder()
                .on(ArticlePublished.class, (ArticlePublished e) -> articles.article(id(e.articleId()), e.slug(),
                        id(e.authorId()), true))
                .on(ArticleUpdated.class, (ArticleUpdated e) -> articles.renamed(id(e.articleId()), e.slug()))
                .on(ArticleUnpublished.class, (ArticleUnpublished e) -> articles.published(id(e.articleId()), false))
                .on(ArticleDeleted.class, (ArticleDeleted e) -> articles.published(id(e.articleId()), false))
                .build();
    }

    @Incoming("article-events")
    public Uni<Void> articles(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, articleHandlers);
    }

    @Incoming("user-events")
    public Uni<Void> users(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, userEvents.handlers());
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }
}
