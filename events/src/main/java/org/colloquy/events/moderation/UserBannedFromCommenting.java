package org.colloquy.events.moderation;

import static org.colloquy.events.Require.present;

import java.time.Instant;
import org.colloquy.events.DomainEvent;

/**
 * A moderator banned a user from writing comments, until {@code until} or for good when it is null. Key: the user id.
 */
public record UserBannedFromCommenting(String userId, String username, String moderatorId, String reason,
        Instant until, Instant bannedAt) implements DomainEvent {

    public UserBannedFromCommenting {
        present(userId, "userId");
        present(username, "username");
        present(moderatorId, "moderatorId");
        present(bannedAt, "bannedAt");
    }

    @Override
    public String key() {
        return userId;
    }
}
