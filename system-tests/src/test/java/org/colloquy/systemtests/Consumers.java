package org.colloquy.systemtests;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.Topics;
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
import org.colloquy.events.user.UserUnfollowed;
import org.colloquy.platform.PlatformService;

/** Who consumes what, as the services' consumers declare it (kept in step with their EventHandlers by hand). */
final class Consumers {

    static final Map<PlatformService, List<String>> TOPICS = Map.of(
            PlatformService.ARTICLE, List.of(Topics.USER_EVENTS, Topics.COMMENT_EVENTS),
            PlatformService.COMMENT, List.of(Topics.USER_EVENTS, Topics.ARTICLE_EVENTS),
            PlatformService.NOTIFICATION, Topics.ALL);

    private static final Set<String> USER_TYPES = types(UserRegistered.class, UserProfileUpdated.class,
            UserFollowed.class, UserUnfollowed.class);

    /** The event types each consumer has a handler for: each of them leaves a processed_event row. */
    static final Map<PlatformService, Set<String>> HANDLED = Map.of(
            PlatformService.ARTICLE, union(USER_TYPES, types(CommentPosted.class, CommentDeleted.class)),
            PlatformService.COMMENT, union(USER_TYPES, types(ArticlePublished.class, ArticleUpdated.class,
                    ArticleUnpublished.class, ArticleDeleted.class)),
            PlatformService.NOTIFICATION, union(USER_TYPES, types(ArticlePublished.class, ArticleUpdated.class,
                    ArticleDeleted.class, CommentPosted.class, CommentDeleted.class, CommentApproved.class,
                    CommentRejected.class)));

    static List<PlatformService> of(String topic) {
        return TOPICS.entrySet().stream().filter(entry -> entry.getValue().contains(topic)).map(Map.Entry::getKey)
                .toList();
    }

    @SafeVarargs
    static Set<String> types(Class<? extends DomainEvent>... payloads) {
        return Stream.of(payloads).map(payload -> EventCatalog.of(payload).type()).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    private Consumers() {
    }
}
