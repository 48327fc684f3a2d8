package org.colloquy.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentEdited;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentFlagged;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.moderation.UserBannedFromCommenting;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;

/** Every event type of the contract: the one place that maps payload records to CloudEvents types and topics. */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = List.of(
            EventType.of("user", UserRegistered.class, Topics.USER_EVENTS),
            EventType.of("user", UserProfileUpdated.class, Topics.USER_EVENTS),
            EventType.of("user", UserFollowed.class, Topics.USER_EVENTS),
            EventType.of("user", UserUnfollowed.class, Topics.USER_EVENTS),
            EventType.of("user", UserSessionsRevoked.class, Topics.USER_EVENTS),
            EventType.of("article", ArticlePublished.class, Topics.ARTICLE_EVENTS),
            EventType.of("article", ArticleUpdated.class, Topics.ARTICLE_EVENTS),
            EventType.of("article", ArticleUnpublished.class, Topics.ARTICLE_EVENTS),
            EventType.of("article", ArticleDeleted.class, Topics.ARTICLE_EVENTS),
            EventType.of("comment", CommentPosted.class, Topics.COMMENT_EVENTS),
            EventType.of("comment", CommentEdited.class, Topics.COMMENT_EVENTS),
            EventType.of("comment", CommentDeleted.class, Topics.COMMENT_EVENTS),
            EventType.of("moderation", CommentHeldForReview.class, Topics.MODERATION_EVENTS),
            EventType.of("moderation", CommentFlagged.class, Topics.MODERATION_EVENTS),
            EventType.of("moderation", CommentApproved.class, Topics.MODERATION_EVENTS),
            EventType.of("moderation", CommentRejected.class, Topics.MODERATION_EVENTS),
            EventType.of("moderation", UserBannedFromCommenting.class, Topics.MODERATION_EVENTS));

    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_PAYLOAD = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::payload, Function.identity()));

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    @SuppressWarnings("unchecked")
    public static <T extends DomainEvent> EventType<T> of(Class<T> payload) {
        EventType<?> type = BY_PAYLOAD.get(payload);
        if (type == null) {
            throw new IllegalArgumentException(payload.getName() + " is not in the event catalog");
        }
        return (EventType<T>) type;
    }

    /** Reads event data of a known type; unknown types and malformed data are {@link MalformedEventException}s. */
    public static DomainEvent read(String type, String json) {
        EventType<?> eventType = byType(type)
                .orElseThrow(() -> new MalformedEventException("Unknown event type '" + type + "'"));
        if (json == null) {
            throw new MalformedEventException("Event of type " + type + " has no data");
        }
        return EventJson.read(json, eventType.payload());
    }

    private EventCatalog() {
    }
}
