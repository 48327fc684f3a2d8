package org.colloquy.events.user;

import static org.colloquy.events.Require.present;

import org.colloquy.events.DomainEvent;

/** A user stopped following another. Key: the follower id (see {@link UserFollowed}). */
public record UserUnfollowed(String followerId, String followeeId) implements DomainEvent {

    public UserUnfollowed {
        present(followerId, "followerId");
        present(followeeId, "followeeId");
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
