package org.colloquy.article.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.article.repository.ArticleRepository;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@code commentsCount} from comment.events: visible comments count, deleted visible ones stop counting. */
@ApplicationScoped
public class CommentEventsConsumer {

    private final Inbox inbox;
    private final EventHandlers handlers;

    public CommentEventsConsumer(Inbox inbox, ArticleRepository articles) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(CommentPosted.class, (CommentPosted e) -> articles.countComment(UUID.fromString(e.articleId()), 1))
                .on(CommentDeleted.class, (CommentDeleted e) -> e.wasVisible()
                        ? articles.countComment(UUID.fromString(e.articleId()), -1) : Uni.createFrom().voidItem())
                .build();
    }

    @Incoming("comment-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, handlers);
    }
}
