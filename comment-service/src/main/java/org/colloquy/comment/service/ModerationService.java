package org.colloquy.comment.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.colloquy.authors.AuthorReplica;
import org.colloquy.comment.domain.Comment;
import org.colloquy.comment.domain.HoldRule;
import org.colloquy.comment.domain.ModerationSettings;
import org.colloquy.comment.repository.ArticleReplicaRepository;
import org.colloquy.comment.repository.CommentRepository;
import org.colloquy.comment.repository.ModerationRepository;
import org.colloquy.comment.service.CommentService.Actor;
import org.colloquy.domain.Conflict;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.NotFound;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentFlagged;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.moderation.UserBannedFromCommenting;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;

/** Settings, reader reports and the moderators' decisions, each announced on moderation.events. */
@ApplicationScoped
public class ModerationService {

    public static final Set<String> FLAG_REASONS = Set.of("spam", "abuse", "off-topic", "other");
    public static final int NOTE_MAX = 1000;
    /** Rejection and ban reasons: they travel in CommentRejected and UserBannedFromCommenting. */
    public static final int REASON_MAX = 1000;
    /** The database keeps times up to the year 294276; a ban that long is a ban without end. */
    static final Instant UNTIL_LIMIT = Instant.parse("+10000-01-01T00:00:00Z");

    private final CommentRepository comments;
    private final ModerationRepository moderation;
    private final ArticleReplicaRepository articleReplica;
    private final AuthorReplica authors;
    private final CommentService commentService;
    private final Outbox outbox;
    private final Duration flagMinAccountAge;

    public ModerationService(CommentRepository comments, ModerationRepository moderation,
            ArticleReplicaRepository articleReplica, AuthorReplica authors, CommentService commentService,
            Outbox outbox, CommentSettings settings) {
        this.comments = comments;
        this.moderation = moderation;
        this.articleReplica = articleReplica;
        this.authors = authors;
        this.commentService = commentService;
        this.outbox = outbox;
        this.flagMinAccountAge = settings.flags().minAccountAge();
    }

    static String tooLong(int max) {
        return "must be at most " + max + " characters";
    }

    public Uni<ModerationSettings> settings() {
        return moderation.settings();
    }

    @InTransaction
    public Uni<ModerationSettings> saveSettings(ModerationSettings settings) {
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(problems.invalid());
        }
        return moderation.save(settings).replaceWith(settings);
    }

    /**
     * A reader reports a visible comment, once; enough reports hold it for review. Reports from accounts younger than
     * the minimum account age are recorded (and announced) but do not count toward the hold, so that accounts
     * registered a moment ago cannot hide a comment together.
     */
    @InTransaction
    public Uni<Long> flag(Actor reporter, String slug, long id, String reason, String note) {
        if (reason == null || !FLAG_REASONS.contains(reason)) {
            return Uni.createFrom().failure(new Invalid("reason", "must be one of " + FLAG_REASONS));
        }
        if (note != null && note.length() > NOTE_MAX) {
            return Uni.createFrom().failure(new Invalid("note", tooLong(NOTE_MAX)));
        }
        Instant now = Instant.now();
        return commentService.publishedArticle(slug).chain(article -> comments.lock(id)
                .invoke(comment -> {
                    if (comment == null || !comment.articleId.equals(article.id()) || !comment.isVisible()) {
                        throw new NotFound("comment");
                    }
                    if (comment.authorId.equals(reporter.id())) {
                        throw new Invalid("comment", "cannot report your own comment");
                    }
                })
                .chain(comment -> moderation.addFlag(id, reporter.id(), reason, note).chain(added -> {
                    if (!added) {
                        return Uni.createFrom().failure(new Conflict("flag", "you reported it already"));
                    }
                    return countsTowardHold(reporter.id(), now).chain(counts -> moderation.settings()
                            .chain(settings -> {
                                boolean held = comment.reported(counts, settings.flagsToHold());
                                if (held) {
                                    comment.hold(HoldRule.REPORTS);
                                }
                                Uni<Void> flagged = comments.update(comment).chain(() -> outbox.append(
                                        new CommentFlagged(id, article.id().toString(), reporter.id().toString(),
                                                reason, note, comment.flagCount, now))).replaceWithVoid();
                                if (!held) {
                                    return flagged;
                                }
                                return flagged.chain(() -> outbox.append(new CommentHeldForReview(id,
                                        article.id().toString(), comment.authorId.toString(), HoldRule.REPORTS.value(),
                                        comment.countedFlags + " reports", now))).replaceWithVoid();
                            })).replaceWith(id);
                })));
    }

    /** Whether the reporter's account is old enough; an account the replica does not know yet is not. */
    private Uni<Boolean> countsTowardHold(UUID reporterId, Instant now) {
        if (flagMinAccountAge.isZero() || flagMinAccountAge.isNegative()) {
            return Uni.createFrom().item(true);
        }
        return authors.registeredAt(reporterId).map(registeredAt -> registeredAt != null
                && !registeredAt.isAfter(now.minus(flagMinAccountAge)));
    }

    /** Makes a held (or rejected) comment public; the first time, it is announced as posted. */
    @InTransaction
    public Uni<Long> approve(Actor moderator, long id) {
        Instant now = Instant.now();
        return moderated(id).chain(comment -> {
            boolean announce = comment.approve(now);
            Uni<Void> approved = comments.update(comment).chain(() -> outbox.append(new CommentApproved(id,
                    comment.articleId.toString(), comment.authorId.toString(), moderator.id().toString(), now)))
                    .replaceWithVoid();
            if (!announce) {
                return approved.replaceWith(id);
            }
            return approved.chain(() -> articleReplica.articleOf(comment.articleId))
                    .chain(article -> (comment.parentId == null ? Uni.createFrom().<Comment> nullItem()
                            : comments.findById(comment.parentId))
                            .chain(parent -> commentService.announce(comment, article, parent)))
                    .replaceWith(id);
        });
    }

    @InTransaction
    public Uni<Long> reject(Actor moderator, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            return Uni.createFrom().failure(new Invalid("reason", "can't be blank"));
        }
        if (reason.length() > REASON_MAX) {
            return Uni.createFrom().failure(new Invalid("reason", tooLong(REASON_MAX)));
        }
        Instant now = Instant.now();
        return moderated(id).chain(comment -> {
            boolean wasAnnounced = comment.reject(reason, now);
            Uni<Void> rejected = comments.update(comment).chain(() -> outbox.append(new CommentRejected(id,
                    comment.articleId.toString(), comment.authorId.toString(), moderator.id().toString(), reason,
                    now))).replaceWithVoid();
            return (wasAnnounced ? rejected.chain(() -> outbox.append(new CommentDeleted(id,
                    comment.articleId.toString(), true, now))).replaceWithVoid() : rejected).replaceWith(id);
        });
    }

    @InTransaction
    public Uni<Void> ban(Actor moderator, String username, Instant until, String reason) {
        Instant now = Instant.now();
        if (until != null && !until.isAfter(now)) {
            return Uni.createFrom().failure(new Invalid("until", "must be in the future"));
        }
        if (until != null && !until.isBefore(UNTIL_LIMIT)) {
            return Uni.createFrom().failure(new Invalid("until",
                    "must be before the year 10000 (leave it out for a ban without end)"));
        }
        if (reason != null && reason.length() > REASON_MAX) {
            return Uni.createFrom().failure(new Invalid("reason", tooLong(REASON_MAX)));
        }
        return authors.userIdOf(username).onItem().ifNull().failWith(() -> new NotFound("profile"))
                .call(userId -> moderation.saveBan(userId, until, reason, moderator.id()))
                .call(userId -> outbox.append(new UserBannedFromCommenting(userId.toString(), username,
                        moderator.id().toString(), reason, until, now)))
                .invoke(userId -> Log.infof("Moderator %s banned user %s until %s", moderator.id(), userId,
                        until == null ? "further notice" : until))
                .replaceWithVoid();
    }

    private Uni<Comment> moderated(long id) {
        return comments.lock(id).map(Comment::existing);
    }
}
