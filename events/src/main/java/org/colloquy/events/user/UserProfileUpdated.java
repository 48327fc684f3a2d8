package org.colloquy.events.user;

import static org.colloquy.events.Require.present;

import org.colloquy.events.DomainEvent;

/** The public profile changed; carries the whole profile so replicas can overwrite. Key: the user id. */
public record UserProfileUpdated(String userId, String username, String bio, String image) implements DomainEvent {

    public UserProfileUpdated {
        present(userId, "userId");
        present(username, "username");
    }

    @Override
    public String key() {
        return userId;
    }
}
