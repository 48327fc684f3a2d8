package org.colloquy.notification.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.authors.AuthorReplica;
import org.colloquy.authors.UserEventHandlers;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.messaging.catchup.CatchUp;
import org.colloquy.messaging.inbox.EventHandlers;
import org.colloquy.messaging.inbox.EventMetadata;
import org.colloquy.messaging.inbox.Inbox;
import org.colloquy.notification.domain.CommentRecipients;
import org.colloquy.notification.domain.NotificationType;
import org.colloquy.notification.repository.NotificationRepository;
import org.colloquy.notification.repository.NotificationRepository.Subject;
import org.colloquy.notification.repository.NotificationSignal;
import org.colloquy.notification.repository.ReplicaRepository;
import org.colloquy.notification.service.DeliveryMetrics;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns the platform's events into notifications, each in the inbox's transaction (so a redelivered event notifies
 * no one twice), counts them once that transaction committed ({@link DeliveryMetrics}), and signals the live streams.
 * Comments are announced only once visible (CommentPosted), never while held; a comment deleted before it was read is
 * withdrawn.
 */
@ApplicationScoped
public class NotificationConsumers {

    /** A comment cannot notify a crowd: mentions beyond this many are not looked up. */
    static final int MAX_MENTIONS = 20;

    private final Inbox inbox;
    private final NotificationRepository notifications;
    private final NotificationSignal signal;
    private final ReplicaRepository replicas;
    private final AuthorReplica authors;
    private final CatchUp catchUp;
    private final DeliveryMetrics metrics;
    private final EventHandlers users;
    private final EventHandlers articles;
    private final EventHandlers comments;
    private final EventHandlers moderation;

    public NotificationConsumers(Inbox inbox, NotificationRepository notifications, NotificationSignal signal,
            ReplicaRepository replicas, AuthorReplica authors, UserEventHandlers userEvents, CatchUp catchUp,
            DeliveryMetrics metrics) {
        this.inbox = inbox;
        this.authors = authors;
        this.notifications = notifications;
        this.signal = signal;
        this.replicas = replicas;
        this.catchUp = catchUp;
        this.metrics = metrics;
        this.users = userEvents.handlers(this::onFollowed);
        this.articles = EventHandlers.builder()
                .on(ArticlePublished.class, this::onPublished)
                .on(ArticleUpdated.class, (ArticleUpdated e) -> replicas.articleChanged(id(e.articleId()), e.slug(),
                        e.title()))
                .on(ArticleDeleted.class, (ArticleDeleted e) -> Uni.createFrom().voidItem())
                .build();
        this.comments = EventHandlers.builder()
                .on(CommentPosted.class, this::onCommentPosted)
                .on(CommentDeleted.class, (CommentDeleted e) -> notifications.withdrawUnread(e.commentId())
                        .replaceWithVoid())
                .build();
        this.moderation = EventHandlers.builder()
                .on(CommentApproved.class, (CommentApproved e, EventMetadata m) -> moderated(m, e.articleId(),
                        e.commentId(), e.authorId(), e.moderatorId(), "approved"))
                .on(CommentRejected.class, (CommentRejected e, EventMetadata m) -> moderated(m, e.articleId(),
                        e.commentId(), e.authorId(), e.moderatorId(),
                        e.reason() == null ? "rejected" : "rejected: " + e.reason()))
                .build();
    }

    @Incoming("user-events")
    public Uni<Void> users(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, users);
    }

    @Incoming("article-events")
    public Uni<Void> articles(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, articles);
    }

    @Incoming("comment-events")
    public Uni<Void> comments(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, comments);
    }

    @Incoming("moderation-events")
    public Uni<Void> moderation(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, moderation);
    }

    /** After the shared replica recorded the follow: the follower's name, if still unknown here, and the notice. */
    private Uni<Void> onFollowed(UserFollowed event, EventMetadata metadata) {
        UUID follower = id(event.followerId());
        return authors.provisional(follower, event.followerUsername())
                .chain(() -> notifications.notifyNewFollower(id(event.followeeId()),
                        new Subject(metadata.id(), follower, null, null, null, null, null, null)))
                .invoke(this::counted)
                .chain(this::signalIf);
    }

    /** One statement notifies every follower, however many; the set-based insert is the batch. */
    private Uni<Void> onPublished(ArticlePublished event, EventMetadata metadata) {
        UUID article = id(event.articleId());
        UUID author = id(event.authorId());
        return replicas.article(article, event.slug(), event.title(), author)
                .chain(() -> notifications.notifyFollowers(author, metadata.id(), article, event.slug(),
                        event.title()))
                .invoke(metrics::toInbox)
                .chain(count -> signalIf(count > 0));
    }

    /**
     * One notification per recipient, as {@link CommentRecipients} decides (reply, then mention, then comment). The
     * comment was written after its author registered and its article was published, but those events come on other
     * topics and may not be consumed yet: when the replicas miss the author, the article or a mentioned user, the
     * handler waits (bounded) until this service consumed everything that is in those topics, and looks once more;
     * only then is the notification written and pushed, with the author's name and the article's title in it. The
     * author's name, which the event carries, is recorded if the user replica still lacks it.
     */
    private Uni<Void> onCommentPosted(CommentPosted event, EventMetadata metadata) {
        UUID actor = id(event.authorId());
        UUID article = id(event.articleId());
        List<String> mentions = event.mentions().stream().limit(MAX_MENTIONS).toList();
        return replicas.commentParties(actor, article, mentions)
                .chain(parties -> parties.complete() ? Uni.createFrom().item(parties)
                        : catchUp.awaitEnd(Topics.USER_EVENTS, Topics.ARTICLE_EVENTS)
                                .chain(() -> authors.provisional(actor, event.authorUsername()))
                                .chain(() -> replicas.commentParties(actor, article, mentions)))
                .chain(parties -> notifyParties(event, new Subject(metadata.id(), actor, article, event.articleSlug(),
                        null, event.commentId(), event.excerpt(), null), parties.mentioned()))
                .chain(this::signalIf);
    }

    private Uni<Boolean> notifyParties(CommentPosted event, Subject subject, List<UUID> mentioned) {
        Map<UUID, NotificationType> recipients = CommentRecipients.of(id(event.authorId()),
                optionalId(event.parentAuthorId()), mentioned, optionalId(event.articleAuthorId()));
        Uni<Boolean> any = Uni.createFrom().item(false);
        // in turn: one transaction's connection
        for (Map.Entry<UUID, NotificationType> recipient : recipients.entrySet()) {
            any = any.chain(sentBefore -> notifications.notify(recipient.getKey(), recipient.getValue(), subject)
                    .invoke(this::counted).map(sent -> sentBefore || sent));
        }
        return any;
    }

    /**
     * The moderators decide as one: the notification names no actor (a moderator's name would invite arguing with
     * them in person). A moderator's decision on their own comment tells no one.
     */
    private Uni<Void> moderated(EventMetadata metadata, String articleId, long commentId, String authorId,
            String moderatorId, String outcome) {
        if (authorId.equals(moderatorId)) {
            return Uni.createFrom().voidItem();
        }
        return notifications.notify(id(authorId), NotificationType.MODERATION, new Subject(metadata.id(),
                null, id(articleId), null, null, commentId, null, outcome))
                .invoke(this::counted).chain(this::signalIf);
    }

    private void counted(boolean sent) {
        metrics.toInbox(sent ? 1 : 0);
    }

    /** One NOTIFY per transaction is enough, however many events of a batch created notifications. */
    private Uni<Void> signalIf(boolean created) {
        return created ? Inbox.oncePerTransaction("notify", signal::send) : Uni.createFrom().voidItem();
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }

    private static UUID optionalId(String value) {
        return value == null ? null : id(value);
    }
}
