package org.colloquy.authors;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.BiFunction;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.EventMetadata;

/**
 * What the author replica does with each user.events type. A service that keeps the replica hands these to its
 * inbox on its own {@code user-events} channel: {@code inbox.processBatch(records, userEvents.handlers())}.
 */
@ApplicationScoped
public class UserEventHandlers {

    private final AuthorReplica authors;
    private final EventHandlers handlers;

    public UserEventHandlers(AuthorReplica authors) {
        this.authors = authors;
        this.handlers = handlers((event, metadata) -> Uni.createFrom().voidItem());
    }

    /** What the replica does with each user.events type. */
    public EventHandlers handlers() {
        return handlers;
    }

    /**
     * The same, and once a follow is recorded, {@code afterFollow} in the same transaction (notification-service
     * tells the user followed).
     */
    public EventHandlers handlers(BiFunction<UserFollowed, EventMetadata, Uni<Void>> afterFollow) {
        return EventHandlers.builder()
                .on(UserRegistered.class, (UserRegistered e) -> authors.registered(id(e.userId()), e.username(),
                        e.bio(), e.image(), e.registeredAt()))
                .on(UserProfileUpdated.class, (UserProfileUpdated e) -> authors.profileChanged(id(e.userId()),
                        e.username(), e.bio(), e.image()))
                .on(UserFollowed.class, (UserFollowed e, EventMetadata m) -> authors.follow(id(e.followerId()),
                        id(e.followeeId())).chain(() -> afterFollow.apply(e, m)))
                .on(UserUnfollowed.class, (UserUnfollowed e) -> authors.unfollow(id(e.followerId()),
                        id(e.followeeId())))
                .on(UserSessionsRevoked.class, (UserSessionsRevoked e) -> authors.revokeTokensBelow(id(e.userId()),
                        e.tokenVersion()))
                .build();
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }
}
