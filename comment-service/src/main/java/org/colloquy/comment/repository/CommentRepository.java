package org.colloquy.comment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;
import org.colloquy.comment.domain.Comment;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, Long> {

    /** Locks the comment's row, so that concurrent moderation of one comment is serialized. */
    public Uni<Comment> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Long> writtenSince(UUID authorId, Instant since) {
        return count("authorId = ?1 and createdAt > ?2", authorId, since);
    }

    public Uni<Boolean> hasPublishedComment(UUID authorId) {
        return count("authorId = ?1 and postedAt is not null", authorId).map(count -> count > 0);
    }

    public Uni<Boolean> hasReplies(long id) {
        return count("parentId = ?1 and status <> 'deleted'", id).map(count -> count > 0);
    }
}
