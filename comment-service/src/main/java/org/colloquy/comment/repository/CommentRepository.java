package org.colloquy.comment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.colloquy.comment.domain.Comment;
import org.colloquy.persistence.NativeSql;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, Long> {

    /** The key space of the writers' locks ("Cmnt"). */
    private static final int WRITER_LOCKS = 0x436d6e74;

    /** Locks the comment's row, so that concurrent moderation of one comment is serialized. */
    public Uni<Comment> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** In SQL: Hibernate translates a Panache count query anew on every call. */
    public Uni<Long> writtenSince(UUID authorId, Instant since) {
        return NativeSql.list("select count(*) from comment where author_id = ?1 and created_at > ?2", authorId,
                since.atOffset(ZoneOffset.UTC)).map(rows -> ((Number) rows.get(0)).longValue());
    }

    public Uni<Instant> oldestWrittenSince(UUID authorId, Instant since) {
        return find("authorId = ?1 and createdAt > ?2", Sort.by("createdAt"), authorId, since).firstResult()
                .map(comment -> comment == null ? null : comment.createdAt);
    }

    /**
     * Takes the writer's lock until the transaction ends, so that one writer's posts count each other in turn.
     * A transaction-level advisory lock in its own key space (the first key), the writer hashed into the second;
     * two writers sharing a hash only wait for each other.
     */
    public Uni<Void> lockWriter(UUID authorId) {
        return NativeSql.list("select count(*) from (select pg_advisory_xact_lock(" + WRITER_LOCKS
                + ", hashtext(?1))) l", authorId.toString()).replaceWithVoid();
    }

    public Uni<Boolean> hasPublishedComment(UUID authorId) {
        return NativeSql.list("select exists (select 1 from comment where author_id = ?1 and posted_at is not null)",
                authorId).map(rows -> Boolean.TRUE.equals(rows.get(0)));
    }

    public Uni<Boolean> hasReplies(long id) {
        return count("parentId = ?1 and status <> 'deleted'", id).map(count -> count > 0);
    }
}
