package org.colloquy.user.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One edge of the follow graph. */
@Entity
public class Follow {

    @EmbeddedId
    public Key id;
    @Column(name = "created_at")
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "follower_id") UUID followerId, @Column(name = "followee_id") UUID followeeId)
            implements Serializable {
    }

    public static Follow of(UUID followerId, UUID followeeId, Instant now) {
        Follow follow = new Follow();
        follow.id = new Key(followerId, followeeId);
        follow.createdAt = now;
        return follow;
    }
}
