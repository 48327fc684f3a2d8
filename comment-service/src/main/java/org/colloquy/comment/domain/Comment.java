package org.colloquy.comment.domain;

import java.time.Instant;
import java.util.UUID;
import org.colloquy.domain.NotAllowed;
import org.colloquy.domain.NotFound;

/**
 * A comment on an article, possibly a reply, with its moderation state. Its state changes only through the methods
 * below, each of which sets every field the change implies and tells the caller what the platform must be told.
 */
public class Comment {

    /** What a deleted comment with replies shows instead of its body. */
    public static final String DELETED_MARKER = "[deleted]";

    public Long id;
    public UUID articleId;
    public Long parentId;
    public UUID authorId;
    public String body;
    public CommentStatus status;
    public HoldRule heldRule;
    public String rejectReason;
    /** Every report since the last approval, for moderators. */
    public int flagCount;
    /** The reports since the last approval that count toward holding it (from accounts old enough). */
    public int countedFlags;
    /** When it became public (and was announced as posted); null while it is not. */
    public Instant postedAt;
    public Instant createdAt;
    public Instant updatedAt;

    /** A new comment: public at once, or held for a moderator when {@code heldRule} names why. */
    public static Comment write(UUID articleId, Long parentId, UUID authorId, String body, HoldRule heldRule,
            Instant now) {
        Comment comment = new Comment();
        comment.articleId = articleId;
        comment.parentId = parentId;
        comment.authorId = authorId;
        comment.body = body;
        comment.createdAt = now;
        comment.updatedAt = now;
        if (heldRule == null) {
            comment.status = CommentStatus.VISIBLE;
            comment.postedAt = now;
        } else {
            comment.status = CommentStatus.PENDING;
            comment.heldRule = heldRule;
        }
        return comment;
    }

    /** The comment looked up, unless there is none or it is deleted: then the comment is not found. */
    public static Comment existing(Comment comment) {
        if (comment == null || comment.status == CommentStatus.DELETED) {
            throw new NotFound("comment");
        }
        return comment;
    }

    /** {@link #existing(Comment)}, and a comment of another article than the one named is not found either. */
    public static Comment existingIn(Comment comment, UUID articleId) {
        if (existing(comment).articleId.equals(articleId)) {
            return comment;
        }
        throw new NotFound("comment");
    }

    /** Only its author may change it (moderators decide through the moderation methods). */
    public void ensureAuthor(UUID actor) {
        if (!authorId.equals(actor)) {
            throw new NotAllowed("comment");
        }
    }

    /** A reader's report; only one that counts moves it toward the hold. Returns whether it should now be held. */
    public boolean reported(boolean counts, int flagsToHold) {
        flagCount++;
        if (counts) {
            countedFlags++;
        }
        return counts && countedFlags >= flagsToHold;
    }

    /** Waits for a moderator; {@code rule} names why. An announced comment stays announced (approval restores it). */
    public void hold(HoldRule rule) {
        status = CommentStatus.PENDING;
        heldRule = rule;
    }

    public void edit(String newBody, Instant now) {
        body = newBody;
        updatedAt = now;
    }

    /**
     * A moderator makes it public and clears its reports. Returns whether it must now be announced as posted: the
     * first time it becomes public (a comment held when it was written, or rejected after it was announced).
     */
    public boolean approve(Instant now) {
        status = CommentStatus.VISIBLE;
        heldRule = null;
        rejectReason = null;
        flagCount = 0;
        countedFlags = 0;
        updatedAt = now;
        if (postedAt != null) {
            return false;
        }
        postedAt = now;
        return true;
    }

    /**
     * A moderator turns it down; it stays visible to its author. Returns whether it had been announced, so that the
     * platform must be told it is gone. Approving it later announces it again.
     */
    public boolean reject(String reason, Instant now) {
        boolean wasAnnounced = isAnnounced();
        status = CommentStatus.REJECTED;
        rejectReason = reason;
        postedAt = null;
        updatedAt = now;
        return wasAnnounced;
    }

    /**
     * Its author or a moderator removes it; it keeps its place in the thread as a marker. Returns whether it had
     * been announced, so that the platform must be told it is gone.
     */
    public boolean delete(Instant now) {
        boolean wasAnnounced = isAnnounced();
        status = CommentStatus.DELETED;
        body = DELETED_MARKER;
        updatedAt = now;
        return wasAnnounced;
    }

    public boolean isVisible() {
        return status == CommentStatus.VISIBLE;
    }

    /** Whether the platform was told it is public (CommentPosted) and not since told it is gone. */
    public boolean isAnnounced() {
        return postedAt != null && status != CommentStatus.REJECTED && status != CommentStatus.DELETED;
    }
}
