package org.colloquy.comment.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.colloquy.authors.AuthorReplica;
import org.colloquy.comment.domain.Comment;
import org.colloquy.comment.domain.CommentText;
import org.colloquy.comment.domain.HoldRule;
import org.colloquy.comment.domain.ModerationMode;
import org.colloquy.comment.domain.ModerationSettings;
import org.colloquy.comment.repository.ArticleReplicaRepository;
import org.colloquy.comment.repository.ArticleReplicaRepository.ArticleRef;
import org.colloquy.comment.repository.CommentQueries;
import org.colloquy.comment.repository.CommentRepository;
import org.colloquy.comment.repository.ModerationRepository;
import org.colloquy.comment.repository.ModerationRepository.Ban;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.NotAllowed;
import org.colloquy.domain.NotFound;
import org.colloquy.domain.RateLimited;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentEdited;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;

/**
 * Posting, editing and deleting comments, with the moderation rules applied as a comment is written. Callers have
 * caught up with article.events first, so an article published a moment ago can be commented on at once.
 */
@ApplicationScoped
public class CommentService {

    /** Who acts, from the token. */
    public record Actor(UUID id, String username, boolean moderator) {
    }

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final CommentRepository comments;
    private final ArticleReplicaRepository articleReplica;
    private final AuthorReplica authors;
    private final ModerationRepository moderation;
    private final Outbox outbox;
    private final CommentQueries queries;

    public CommentService(CommentRepository comments, ArticleReplicaRepository articleReplica, AuthorReplica authors,
            ModerationRepository moderation, Outbox outbox, CommentQueries queries) {
        this.comments = comments;
        this.queries = queries;
        this.articleReplica = articleReplica;
        this.authors = authors;
        this.moderation = moderation;
        this.outbox = outbox;
    }

    /**
     * A page of the discussion of the published article behind a slug (current or old), for reads (no transaction);
     * 404 when there is no such published article.
     */
    public Uni<CommentQueries.Page> discussion(String slug, UUID viewer, boolean moderator, int limit, int offset) {
        return queries.discussion(slug, viewer, moderator, limit, offset).map(discussion -> {
            refuseUnpublished(discussion.article());
            return discussion.page();
        });
    }

    /** The published article behind a slug (current or old), in the caller's transaction; 404 otherwise. */
    Uni<ArticleRef> publishedArticle(String slug) {
        return articleReplica.articleForSlug(slug).invoke(CommentService::refuseUnpublished);
    }

    private static void refuseUnpublished(ArticleRef article) {
        if (article == null || !article.published()) {
            throw new NotFound("article");
        }
    }

    @InTransaction
    public Uni<Long> post(Actor author, String slug, String rawBody, Long parentId) {
        Instant now = Instant.now();
        return Uni.createFrom().item(() -> writtenBody(rawBody))
                .chain(body -> postChecked(author, slug, body, parentId, now));
    }

    private Uni<Long> postChecked(Actor author, String slug, String body, Long parentId, Instant now) {
        Instant since = now.minus(RATE_WINDOW);
        return publishedArticle(slug)
                .chain(article -> moderation.postingContext(author.id(), since).chain(context -> {
                    refuseBanned(context.ban(), now);
                    ModerationSettings settings = context.settings();
                    return checkRate(author.id(), settings, context.writtenSince(), since, now)
                        .invoke(() -> CommentText.firstWord(body, settings.bannedWords()).ifPresent(word -> {
                            throw new Invalid("body", "contains a word that is not allowed here");
                        }))
                        .chain(() -> parentOf(parentId, article))
                        .chain(parent -> holdRule(author.id(), body, settings).chain(hold -> {
                            Comment comment = Comment.write(article.id(), parentId, author.id(), body,
                                    hold.map(Hold::rule).orElse(null), now);
                            return authors.provisional(author.id(), author.username())
                                    .call(() -> comments.insert(comment))
                                    .chain(username -> hold.isPresent()
                                            ? announceHeld(comment, hold.get(), now)
                                            : announce(comment, article, parent, username))
                                    // last: the writer's lock is held for the count and the commit only
                                    .call(() -> withinRate(author.id(), settings, now))
                                    .replaceWith(() -> comment.id); // known only after the insert
                        }));
                }));
    }

    /**
     * The author edits within the edit window, under the same rules as posting: a banned word or a body with no text
     * is refused, and a visible comment that posting the new text would hold is held (CommentEdited without the
     * unreviewed excerpt, then CommentHeldForReview). Held and rejected comments keep their state.
     */
    @InTransaction
    public Uni<Long> edit(Actor author, String slug, long id, String rawBody) {
        Instant now = Instant.now();
        return Uni.createFrom().item(() -> writtenBody(rawBody)).chain(body -> publishedArticle(slug)
                .chain(article -> comments.lock(id)
                        .map(found -> Comment.existingIn(found, article.id()))
                        .invoke(comment -> comment.ensureAuthor(author.id()))
                        .call(comment -> refuseBanned(author.id(), now))
                        .chain(comment -> moderation.settings().chain(settings -> {
                            if (comment.createdAt.plusSeconds(settings.editWindowSeconds()).isBefore(now)) {
                                return Uni.createFrom().failure(new NotAllowed("comment", "can only be "
                                        + "edited within " + settings.editWindowSeconds() / 60 + " minutes"));
                            }
                            if (CommentText.firstWord(body, settings.bannedWords()).isPresent()) {
                                return Uni.createFrom().failure(
                                        new Invalid("body", "contains a word that is not allowed here"));
                            }
                            return (comment.isVisible() ? holdRule(author.id(), body, settings)
                                    : Uni.createFrom().item(Optional.<Hold> empty()))
                                    .chain(hold -> edited(comment, article, body, hold, now));
                        }))));
    }

    private Uni<Long> edited(Comment comment, ArticleRef article, String body, Optional<Hold> hold, Instant now) {
        boolean wasAnnounced = comment.isAnnounced();
        comment.edit(body, now);
        hold.ifPresent(h -> comment.hold(h.rule()));
        Uni<Void> edited = comments.update(comment).chain(() -> wasAnnounced
                ? outbox.append(new CommentEdited(comment.id, article.id().toString(),
                        hold.isPresent() ? null : CommentText.excerpt(body), now)).replaceWithVoid()
                : Uni.createFrom().voidItem());
        return edited.chain(() -> hold.isPresent()
                ? announceHeld(comment, hold.get(), now)
                : Uni.createFrom().voidItem()).replaceWith(comment.id);
    }

    /** The author or a moderator. A comment with replies keeps its place in the thread, as a marker. */
    @InTransaction
    public Uni<Void> delete(Actor actor, String slug, long id) {
        return publishedArticle(slug).chain(article -> comments.lock(id)
                .map(found -> Comment.existingIn(found, article.id()))
                .invoke(comment -> {
                    if (!actor.moderator()) {
                        comment.ensureAuthor(actor.id());
                    }
                })
                .chain(comment -> {
                    boolean wasAnnounced = comment.delete(Instant.now());
                    return comments.update(comment).chain(() -> wasAnnounced
                            ? outbox.append(new CommentDeleted(comment.id, article.id().toString(), true,
                                    comment.updatedAt)).replaceWithVoid()
                            : Uni.createFrom().voidItem());
                }));
    }

    /** Tells the moderators (and the platform) that a comment waits for them, and why. */
    private Uni<Void> announceHeld(Comment comment, Hold hold, Instant now) {
        return outbox.append(new CommentHeldForReview(comment.id, comment.articleId.toString(),
                comment.authorId.toString(), hold.rule().value(), hold.detail(), now)).replaceWithVoid();
    }

    /** Announces a comment that just became public. */
    Uni<Void> announce(Comment comment, ArticleRef article, Comment parent) {
        return authors.username(comment.authorId).chain(username -> announce(comment, article, parent, username));
    }

    /** {@link #announce}, the author's name known. */
    private Uni<Void> announce(Comment comment, ArticleRef article, Comment parent, String username) {
        return outbox.append(new CommentPosted(comment.id, comment.articleId.toString(), article.slug(),
                article.authorId().toString(), comment.parentId, parent == null ? null : parent.authorId.toString(),
                comment.authorId.toString(), username == null ? comment.authorId.toString() : username,
                CommentText.excerpt(comment.body), CommentText.mentions(comment.body), comment.postedAt))
                .replaceWithVoid();
    }

    Uni<Void> refuseBanned(UUID userId, Instant now) {
        return moderation.ban(userId).invoke(ban -> refuseBanned(ban, now)).replaceWithVoid();
    }

    private static void refuseBanned(Ban ban, Instant now) {
        if (ban != null && ban.activeAt(now)) {
            throw new NotAllowed("comment", ban.until() == null ? "you are banned from commenting"
                    : "you are banned from commenting until " + ban.until());
        }
    }

    /**
     * A cheap early answer for a writer already over the limit ({@code written} comments since {@code since});
     * {@link #withinRate} is the exact check.
     */
    private Uni<Void> checkRate(UUID authorId, ModerationSettings settings, long written, Instant since,
            Instant now) {
        return written < settings.commentsPerMinute() ? Uni.createFrom().voidItem() : tooFast(authorId, since, now);
    }

    /**
     * The exact rate check, after the new comment is written and flushed: parallel posts of one writer take turns on
     * the writer's lock, so each counts the others' committed comments, its own included, and exactly
     * {@code commentsPerMinute} of them commit. The lock is held only from here to the commit.
     */
    private Uni<Void> withinRate(UUID authorId, ModerationSettings settings, Instant now) {
        Instant since = now.minus(RATE_WINDOW);
        return comments.lockWriter(authorId).chain(() -> comments.writtenSince(authorId, since))
                .chain(count -> count <= settings.commentsPerMinute()
                        ? Uni.createFrom().voidItem() : tooFast(authorId, since, now));
    }

    /** 429, with the time until the oldest comment in the window leaves it. */
    private Uni<Void> tooFast(UUID authorId, Instant since, Instant now) {
        return comments.oldestWrittenSince(authorId, since).chain(oldest -> {
            long millis = oldest == null ? RATE_WINDOW.toMillis()
                    : Duration.between(now, oldest.plus(RATE_WINDOW)).toMillis();
            return Uni.createFrom().failure(new RateLimited("comment",
                    Duration.ofSeconds(Math.max(1, (millis + 999) / 1000))));
        });
    }

    /** The text as stored: valid, and with something left once markup is removed; else 422. */
    private static String writtenBody(String rawBody) {
        CommentText.problem(rawBody).ifPresent(problem -> {
            throw new Invalid("body", problem);
        });
        String body = CommentText.sanitize(rawBody);
        if (body.isEmpty()) {
            throw new Invalid("body", "has no text once HTML is removed");
        }
        return body;
    }

    private Uni<Comment> parentOf(Long parentId, ArticleRef article) {
        if (parentId == null) {
            return Uni.createFrom().nullItem();
        }
        return comments.findById(parentId).invoke(parent -> {
            if (parent == null || !parent.articleId.equals(article.id()) || !parent.isVisible()) {
                throw new Invalid("parentId", "must be a visible comment of this article");
            }
        });
    }

    record Hold(HoldRule rule, String detail) {
    }

    private Uni<Optional<Hold>> holdRule(UUID authorId, String body, ModerationSettings settings) {
        if (settings.moderationMode() == ModerationMode.ALL) {
            return Uni.createFrom().item(Optional.of(new Hold(HoldRule.PRE_MODERATION, null)));
        }
        Optional<Hold> byContent = CommentText.firstWord(body, settings.suspectWords())
                .map(word -> new Hold(HoldRule.SUSPECT_WORD, word))
                .or(() -> CommentText.links(body) > settings.maxLinks()
                        ? Optional.of(new Hold(HoldRule.LINKS, CommentText.links(body) + " links")) : Optional.empty());
        if (byContent.isPresent() || settings.moderationMode() != ModerationMode.FIRST_COMMENT) {
            return Uni.createFrom().item(byContent);
        }
        return comments.hasPublishedComment(authorId).map(hasOne -> hasOne ? Optional.<Hold> empty()
                : Optional.of(new Hold(HoldRule.FIRST_COMMENT, null)));
    }
}
