package org.colloquy.user.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.colloquy.persistence.Sql;

/** The follow graph: follower follows followee. */
@ApplicationScoped
public class FollowRepository {

    private final Sql sql;

    public FollowRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<Boolean> follows(UUID followerId, UUID followeeId) {
        return sql.first("select 1 from follow where follower_id = $1 and followee_id = $2", row -> true, followerId,
                followeeId).map(found -> found != null);
    }

    public Uni<Void> add(UUID followerId, UUID followeeId, Instant now) {
        return sql.execute("insert into follow (follower_id, followee_id, created_at) values ($1, $2, $3)",
                followerId, followeeId, now);
    }

    /** Whether there was such an edge. */
    public Uni<Boolean> remove(UUID followerId, UUID followeeId) {
        return sql.update("delete from follow where follower_id = $1 and followee_id = $2", followerId, followeeId)
                .map(deleted -> deleted > 0);
    }
}
