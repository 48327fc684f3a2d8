package org.colloquy.events.user;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/** Every token of the user below {@code tokenVersion} is no longer accepted. Key: the user id. */
public record UserSessionsRevoked(String userId, long tokenVersion, Instant revokedAt) implements DomainEvent {

    public UserSessionsRevoked {
        present(userId, "userId");
        present(revokedAt, "revokedAt");
    }

    @Override
    public String key() {
        return userId;
    }
}
