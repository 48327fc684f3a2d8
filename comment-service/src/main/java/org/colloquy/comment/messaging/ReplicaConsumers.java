package org.colloquy.comment.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.api.TokenVersions;
import org.colloquy.comment.repository.ReplicaRepository;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.messaging.NativeSql;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps what comment-service knows of articles (slug, author, public or not) and users (profiles, follows). An
 * unpublished or deleted article hides its discussion; published again, the discussion comes back.
 */
@ApplicationScoped
public class ReplicaConsumers {

    private final Inbox inbox;
    private final EventHandlers articleHandlers;
    private final EventHandlers userHandlers;

    public ReplicaConsumers(Inbox inbox, ReplicaRepository replicas) {
        this.inbox = inbox;
        this.articleHandlers = EventHandlers.builder()
                .on(ArticlePublished.class, (ArticlePublished e) -> replicas.article(id(e.articleId()), e.slug(),
                        id(e.authorId()), true))
                .on(ArticleUpdated.class, (ArticleUpdated e) -> replicas.renamed(id(e.articleId()), e.slug()))
                .on(ArticleUnpublished.class, (ArticleUnpublished e) -> replicas.published(id(e.articleId()), false))
                .on(ArticleDeleted.class, (ArticleDeleted e) -> replicas.published(id(e.articleId()), false))
                .build();
        this.userHandlers = EventHandlers.builder()
                .on(UserRegistered.class, (UserRegistered e) -> replicas.registered(id(e.userId()), e.username(),
                        e.bio(), e.image(), e.registeredAt()))
                .on(UserProfileUpdated.class, (UserProfileUpdated e) -> replicas.author(id(e.userId()), e.username(),
                        e.bio(), e.image()))
                .on(UserFollowed.class, (UserFollowed e) -> replicas.follow(id(e.followerId()), id(e.followeeId())))
                .on(UserUnfollowed.class, (UserUnfollowed e) -> replicas.unfollow(id(e.followerId()),
                        id(e.followeeId())))
                .on(UserSessionsRevoked.class, (UserSessionsRevoked e) -> NativeSql.execute(TokenVersions.RECORD,
                        id(e.userId()), e.tokenVersion()))
                .build();
    }

    @Incoming("article-events")
    public Uni<Void> articles(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, articleHandlers);
    }

    @Incoming("user-events")
    public Uni<Void> users(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, userHandlers);
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }
}
