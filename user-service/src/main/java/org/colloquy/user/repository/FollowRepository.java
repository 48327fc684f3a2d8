package org.colloquy.user.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.user.domain.Follow;

@ApplicationScoped
public class FollowRepository implements PanacheRepositoryBase<Follow, Follow.Key> {

    public Uni<Boolean> follows(UUID followerId, UUID followeeId) {
        return findById(new Follow.Key(followerId, followeeId)).map(follow -> follow != null);
    }
}
