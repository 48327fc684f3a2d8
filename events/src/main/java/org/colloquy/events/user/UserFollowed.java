package org.colloquy.events.user;

import static org.colloquy.events.Require.present;

import org.colloquy.events.DomainEvent;

/**
 * A user follows another. Key: the follower id, so one user's follows and unfollows stay in order; the subject is
 * the followed user.
 */
public record UserFollowed(String followerId, String followerUsername, String followeeId, String followeeUsername)
        implements DomainEvent {

    public UserFollowed {
        present(followerId, "followerId");
        present(followerUsername, "followerUsername");
        present(followeeId, "followeeId");
        present(followeeUsername, "followeeUsername");
    }

    @Override
    public String key() {
        return followerId;
    }

    @Override
    public String subject() {
        return followeeId;
    }
}
