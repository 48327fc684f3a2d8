package org.colloquy.events.user;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/**
 * The user's earlier tokens are no longer valid (password or roles changed): every token whose {@code ver} claim is
 * below {@code tokenVersion} must be refused (a token without {@code ver} counts as version 0). Key: the user id.
 */
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
