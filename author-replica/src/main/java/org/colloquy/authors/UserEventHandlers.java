package org.colloquy.authors;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.messaging.inbox.EventHandlers;

/**
 * What the author replica does with each user.events type. A service that keeps the replica hands these to its
 * inbox on its own {@code user-events} channel: {@code inbox.processBatch(records, userEvents.handlers())}.
 */
@ApplicationScoped
public class UserEventHandlers {

    private final EventHandlers handlers;

    public UserEventHandlers(AuthorReplica authors) {
        this.handlers = EventHandlers.builder()
                .on(UserRegistered.class, (UserRegistered e) -> authors.registered(id(e.userId()), e.username(),
                        e.bio(), e.image(), e.registeredAt()))
                .on(UserProfileUpdated.class, (UserProfileUpdated e) -> authors.profileChanged(id(e.userId()),
                        e.username(), e.bio(), e.image()))
                .on(UserFollowed.class, (UserFollowed e) -> authors.follow(id(e.followerId()), id(e.followeeId())))
                .on(UserUnfollowed.class, (UserUnfollowed e) -> authors.unfollow(id(e.followerId()),
                        id(e.followeeId())))
                .on(UserSessionsRevoked.class, (UserSessionsRevoked e) -> authors.revokeTokensBelow(id(e.userId()),
                        e.tokenVersion()))
                .build();
    }

    public EventHandlers handlers() {
        return handlers;
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }
}
