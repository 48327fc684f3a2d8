package org.colloquy.events.user;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/** A new account exists. Key: the user id. */
public record UserRegistered(String userId, String username, String bio, String image, Instant registeredAt)
        implements DomainEvent {

    public UserRegistered {
        present(userId, "userId");
        present(username, "username");
        present(registeredAt, "registeredAt");
    }

    @Override
    public String key() {
        return userId;
    }
}
