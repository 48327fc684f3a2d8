package org.colloquy.user.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.NotFound;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;
import org.colloquy.user.domain.User;
import org.colloquy.user.repository.FollowRepository;
import org.colloquy.user.repository.UserRepository;

/** Public profiles and the follow graph. Following is idempotent: only a change is stored and announced. */
@ApplicationScoped
public class ProfileService {

    public record ProfileView(User user, boolean following) {
    }

    private final UserRepository users;
    private final FollowRepository follows;
    private final Outbox outbox;

    public ProfileService(UserRepository users, FollowRepository follows, Outbox outbox) {
        this.users = users;
        this.follows = follows;
        this.outbox = outbox;
    }

    public Uni<ProfileView> profile(String username, Optional<UUID> viewer) {
        return findProfile(username).chain(user -> viewer
                .map(viewerId -> follows.follows(viewerId, user.id))
                .orElse(Uni.createFrom().item(false))
                .map(following -> new ProfileView(user, following)));
    }

    /** The follower's row lock first: follows and unfollows of one follower happen, and are announced, in turn. */
    @InTransaction
    public Uni<ProfileView> follow(UUID followerId, String username) {
        return findProfile(username).chain(followee -> {
            if (followee.id.equals(followerId)) {
                return Uni.createFrom().failure(new Invalid("username", "cannot follow yourself"));
            }
            return lockFollower(followerId).chain(follower -> follows.follows(followerId, followee.id)
                    .chain(already -> already ? Uni.createFrom().voidItem()
                            : follows.add(followerId, followee.id, Instant.now())
                                    .call(() -> outbox.append(new UserFollowed(follower.id.toString(),
                                            follower.username, followee.id.toString(), followee.username)))
                                    .replaceWithVoid()))
                    .replaceWith(new ProfileView(followee, true));
        });
    }

    @InTransaction
    public Uni<ProfileView> unfollow(UUID followerId, String username) {
        return findProfile(username).chain(followee -> lockFollower(followerId)
                .chain(() -> follows.remove(followerId, followee.id))
                .chain(removed -> removed
                        ? outbox.append(new UserUnfollowed(followerId.toString(), followee.id.toString()))
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .replaceWith(new ProfileView(followee, false)));
    }

    private Uni<User> lockFollower(UUID followerId) {
        return users.lock(followerId).onItem().ifNull().failWith(() -> new NotFound("user"));
    }

    private Uni<User> findProfile(String username) {
        return users.findByUsername(username).onItem().ifNull().failWith(() -> new NotFound("profile"));
    }
}
