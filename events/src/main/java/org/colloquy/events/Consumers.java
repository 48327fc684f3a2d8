package org.colloquy.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;

/**
 * Who consumes what: each consuming service, the topics it reads and the event types it has a handler for (the
 * other types of those topics it skips). The one source of that fact: the AsyncAPI document and the events README
 * are checked against it ({@code ConsumersDocumentedTest}), and the system tests check it against what the running
 * services did: every event of a listed type is processed by each listed consumer, and no consumer processes an
 * event this list does not give it.
 */
public final class Consumers {

    /** A consuming service, by its name ({@code quarkus.application.name}), and the types it handles per topic. */
    public record Consumer(String service, Map<String, Set<Class<? extends DomainEvent>>> handled) {

        public Set<String> topics() {
            return handled.keySet();
        }

        /** The CloudEvents types ({@code org.colloquy.article.published.v1}) this consumer handles. */
        public Set<String> types() {
            return handled.values().stream().flatMap(Set::stream).map(payload -> EventCatalog.of(payload).type())
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static final Set<Class<? extends DomainEvent>> AUTHOR_REPLICA = Set.of(UserRegistered.class,
            UserProfileUpdated.class, UserFollowed.class, UserUnfollowed.class, UserSessionsRevoked.class);

    public static final Consumer ARTICLE_SERVICE = new Consumer("article-service", Map.of(
            Topics.USER_EVENTS, AUTHOR_REPLICA,
            Topics.COMMENT_EVENTS, Set.of(CommentPosted.class, CommentDeleted.class)));

    public static final Consumer COMMENT_SERVICE = new Consumer("comment-service", Map.of(
            Topics.USER_EVENTS, AUTHOR_REPLICA,
            Topics.ARTICLE_EVENTS, Set.of(ArticlePublished.class, ArticleUpdated.class, ArticleUnpublished.class,
                    ArticleDeleted.class)));

    public static final Consumer NOTIFICATION_SERVICE = new Consumer("notification-service", Map.of(
            Topics.USER_EVENTS, AUTHOR_REPLICA,
            Topics.ARTICLE_EVENTS, Set.of(ArticlePublished.class, ArticleUpdated.class, ArticleDeleted.class),
            Topics.COMMENT_EVENTS, Set.of(CommentPosted.class, CommentDeleted.class),
            Topics.MODERATION_EVENTS, Set.of(CommentApproved.class, CommentRejected.class)));

    public static final List<Consumer> ALL = List.of(ARTICLE_SERVICE, COMMENT_SERVICE, NOTIFICATION_SERVICE);

    /** The services that consume a topic, in the order of {@link #ALL}. */
    public static List<String> of(String topic) {
        return ALL.stream().filter(consumer -> consumer.topics().contains(topic)).map(Consumer::service).toList();
    }

    private Consumers() {
    }
}
