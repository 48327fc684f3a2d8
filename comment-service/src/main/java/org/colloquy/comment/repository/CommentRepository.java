package org.colloquy.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.colloquy.comment.domain.Comment;
import org.colloquy.comment.domain.CommentStatus;
import org.colloquy.comment.domain.HoldRule;
import org.colloquy.persistence.Sql;

/** Writes of comments, in the caller's transaction. */
@ApplicationScoped
public class CommentRepository {

    /** The key space of the writers' locks ("Cmnt"). */
    private static final int WRITER_LOCKS = 0x436d6e74;

    private static final String SELECT = """
            select id, article_id, parent_id, author_id, body, status, held_rule, reject_reason, flag_count,
                counted_flags, posted_at, created_at, updated_at
            from comment""";

    private final Sql sql;

    public CommentRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<Comment> findById(long id) {
        return sql.first(SELECT + " where id = $1", CommentRepository::comment, id);
    }

    /** Locks the comment's row, so that concurrent moderation of one comment is serialized. */
    public Uni<Comment> lock(long id) {
        return sql.first(SELECT + " where id = $1 for update", CommentRepository::comment, id);
    }

    /** Stores a new comment and gives it the id the database chose. */
    public Uni<Void> insert(Comment comment) {
        return sql.first("""
                insert into comment (article_id, parent_id, author_id, body, status, held_rule, reject_reason,
                    flag_count, counted_flags, posted_at, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                returning id""", row -> row.getLong("id"), comment.articleId, comment.parentId, comment.authorId,
                comment.body, comment.status.value(), heldRule(comment), comment.rejectReason, comment.flagCount,
                comment.countedFlags, comment.postedAt, comment.createdAt, comment.updatedAt)
                .invoke(id -> comment.id = id).replaceWithVoid();
    }

    /** Stores every field the comment's methods change. */
    public Uni<Void> update(Comment comment) {
        return sql.execute("""
                update comment set body = $2, status = $3, held_rule = $4, reject_reason = $5, flag_count = $6,
                    counted_flags = $7, posted_at = $8, updated_at = $9
                where id = $1""", comment.id, comment.body, comment.status.value(), heldRule(comment),
                comment.rejectReason, comment.flagCount, comment.countedFlags, comment.postedAt, comment.updatedAt);
    }

    public Uni<Long> writtenSince(UUID authorId, Instant since) {
        return sql.first("select count(*) from comment where author_id = $1 and created_at > $2",
                row -> row.getLong(0), authorId, since);
    }

    public Uni<Instant> oldestWrittenSince(UUID authorId, Instant since) {
        return sql.first("select min(created_at) as oldest from comment where author_id = $1 and created_at > $2",
                row -> Sql.instant(row, "oldest"), authorId, since);
    }

    /**
     * Takes the writer's lock until the transaction ends, so that one writer's posts count each other in turn.
     * A transaction-level advisory lock in its own key space (the first key), the writer hashed into the second;
     * two writers sharing a hash only wait for each other.
     */
    public Uni<Void> lockWriter(UUID authorId) {
        return sql.execute("select pg_advisory_xact_lock(" + WRITER_LOCKS + ", hashtext($1))", authorId.toString());
    }

    public Uni<Boolean> hasPublishedComment(UUID authorId) {
        return sql.first("select exists (select 1 from comment where author_id = $1 and posted_at is not null)",
                row -> row.getBoolean(0), authorId);
    }

    public Uni<Boolean> hasReplies(long id) {
        return sql.first("select exists (select 1 from comment where parent_id = $1 and status <> 'deleted')",
                row -> row.getBoolean(0), id);
    }

    private static String heldRule(Comment comment) {
        return comment.heldRule == null ? null : comment.heldRule.value();
    }

    private static Comment comment(Row row) {
        Comment comment = new Comment();
        comment.id = row.getLong("id");
        comment.articleId = row.getUUID("article_id");
        comment.parentId = row.getLong("parent_id");
        comment.authorId = row.getUUID("author_id");
        comment.body = row.getString("body");
        comment.status = CommentStatus.of(row.getString("status"));
        String heldRule = row.getString("held_rule");
        comment.heldRule = heldRule == null ? null : HoldRule.of(heldRule);
        comment.rejectReason = row.getString("reject_reason");
        comment.flagCount = row.getInteger("flag_count");
        comment.countedFlags = row.getInteger("counted_flags");
        comment.postedAt = Sql.instant(row, "posted_at");
        comment.createdAt = Sql.instant(row, "created_at");
        comment.updatedAt = Sql.instant(row, "updated_at");
        return comment;
    }
}
