package org.colloquy.comment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A comment on an article, possibly a reply, with its moderation state. */
@Entity
public class Comment {

    public static final String VISIBLE = "visible";
    public static final String PENDING = "pending";
    public static final String REJECTED = "rejected";
    public static final String DELETED = "deleted";
    /** What a deleted comment with replies shows instead of its body. */
    public static final String DELETED_MARKER = "[deleted]";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "article_id")
    public UUID articleId;
    @Column(name = "parent_id")
    public Long parentId;
    @Column(name = "author_id")
    public UUID authorId;
    public String body;
    public String status;
    @Column(name = "held_rule")
    public String heldRule;
    @Column(name = "reject_reason")
    public String rejectReason;
    /** Every report since the last approval, for moderators. */
    @Column(name = "flag_count")
    public int flagCount;
    /** The reports since the last approval that count toward holding it (from accounts old enough). */
    @Column(name = "counted_flags")
    public int countedFlags;
    @Column(name = "posted_at")
    public Instant postedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A reader's report; only one that counts moves it toward the hold. Returns whether it should now be held. */
    public boolean reported(boolean counts, int flagsToHold) {
        flagCount++;
        if (counts) {
            countedFlags++;
        }
        return counts && countedFlags >= flagsToHold;
    }

    /** Waits for a moderator; {@code rule} names why. An announced comment stays announced (approval restores it). */
    public void hold(String rule) {
        status = PENDING;
        heldRule = rule;
    }

    public void edit(String newBody, Instant now) {
        body = newBody;
        updatedAt = now;
    }

    public boolean isVisible() {
        return VISIBLE.equals(status);
    }

    /** Whether the platform was told it is public (CommentPosted) and not since told it is gone. */
    public boolean isAnnounced() {
        return postedAt != null && !REJECTED.equals(status) && !DELETED.equals(status);
    }
}
