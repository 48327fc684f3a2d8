package org.colloquy.article.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.article.repository.ReplicaRepository;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the author and follow replicas and the revoked token versions from user.events. */
@ApplicationScoped
public class UserEventsConsumer {

    private final Inbox inbox;
    private final EventHandlers handlers;

    public UserEventsConsumer(Inbox inbox, ReplicaRepository replicas) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(UserRegistered.class, (UserRegistered e) -> replicas.upsertAuthor(UUID.fromString(e.userId()),
                        e.username(), e.bio(), e.image()))
                .on(UserProfileUpdated.class, (UserProfileUpdated e) -> replicas.upsertAuthor(
                        UUID.fromString(e.userId()), e.username(), e.bio(), e.image()))
                .on(UserFollowed.class, (UserFollowed e) -> replicas.follow(UUID.fromString(e.followerId()),
                        UUID.fromString(e.followeeId())))
                .on(UserUnfollowed.class, (UserUnfollowed e) -> replicas.unfollow(UUID.fromString(e.followerId()),
                        UUID.fromString(e.followeeId())))
                .on(UserSessionsRevoked.class, (UserSessionsRevoked e) -> replicas.revokeTokensBelow(
                        UUID.fromString(e.userId()), e.tokenVersion()))
                .build();
    }

    @Incoming("user-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, handlers);
    }
}
