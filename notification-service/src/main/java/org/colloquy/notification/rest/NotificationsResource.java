package org.colloquy.notification.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.api.ApiException;
import org.colloquy.api.Caller;
import org.colloquy.api.Paging;
import org.colloquy.notification.repository.NotificationQueries;
import org.colloquy.notification.repository.NotificationView;
import org.colloquy.notification.service.LiveNotifications;
import org.colloquy.notification.service.PreferenceService;
import org.colloquy.notification.service.PreferenceService.Preferences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Extension: each user's notifications, their live stream and preferences. Everything is the caller's own. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Notifications")
public class NotificationsResource {

    public static final int LIMIT_DEFAULT = 20;
    public static final int LIMIT_MAX = 100;
    /** More often than the gateway's idle timeout, so that quiet streams stay open. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final NotificationQueries queries;
    private final LiveNotifications live;
    private final PreferenceService preferences;
    private final Caller caller;

    public NotificationsResource(NotificationQueries queries, LiveNotifications live, PreferenceService preferences,
            Caller caller) {
        this.queries = queries;
        this.live = live;
        this.preferences = preferences;
        this.caller = caller;
    }

    public record NotificationBody(long id, String type, Instant createdAt, Instant readAt, Actor actor,
            ArticleRef article, CommentRef comment, String detail) {
        static NotificationBody from(NotificationView n) {
            return new NotificationBody(n.id(), n.type(), n.createdAt(), n.readAt(),
                    n.actorUsername() == null ? null : new Actor(n.actorUsername(), n.actorImage()),
                    n.articleSlug() == null ? null : new ArticleRef(n.articleSlug(), n.articleTitle()),
                    n.commentId() == null ? null : new CommentRef(n.commentId(), n.commentExcerpt()), n.detail());
        }
    }

    public record Actor(String username, String image) {
    }

    public record ArticleRef(String slug, String title) {
    }

    public record CommentRef(long id, String excerpt) {
    }

    /** {@code nextCursor} is null on the last page. */
    public record NotificationsPage(List<NotificationBody> notifications, String nextCursor) {
    }

    public record NotificationResponse(NotificationBody notification) {
    }

    public record PreferencesMessage(Preferences preferences) {
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first", description = "Cursor pagination: pass "
            + "nextCursor as cursor for the next page; limit 1-100 (default 20); unread=true for unread ones only.")
    public Uni<NotificationsPage> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @QueryParam("unread") boolean unread) {
        Paging page = Paging.of(limit, null, LIMIT_DEFAULT, LIMIT_MAX);
        long before = parseCursor(cursor);
        return queries.page(me(), unread, before, page.limit() + 1).map(found -> {
            boolean more = found.size() > page.limit();
            List<NotificationView> shown = more ? found.subList(0, page.limit()) : found;
            return new NotificationsPage(shown.stream().map(NotificationBody::from).toList(),
                    more ? Long.toString(shown.get(shown.size() - 1).id()) : null);
        });
    }

    @GET
    @Path("/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    public Uni<Map<String, Long>> unreadCount() {
        return queries.unreadCount(me()).map(count -> Map.of("count", count));
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one notification read (another user's is a 404)")
    public Uni<NotificationResponse> read(@PathParam("id") long id) {
        return queries.markRead(me(), id).onItem().ifNull().failWith(() -> ApiException.notFound("notification"))
                .map(view -> new NotificationResponse(NotificationBody.from(view)));
    }

    @POST
    @Path("/read-all")
    @Operation(summary = "Mark all the caller's notifications read")
    public Uni<Map<String, Integer>> readAll() {
        return queries.markAllRead(me()).map(count -> Map.of("count", count));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live notifications as Server-Sent Events", description = "Each event is a notification "
            + "(event name 'notification', id = notification id, data = JSON). Reconnecting with Last-Event-ID "
            + "first replays what was missed. A comment line every 15 s keeps idle connections open.")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        Long after = lastEventId == null || lastEventId.isBlank() ? null : parseCursor(lastEventId);
        Multi<OutboundSseEvent> notifications = live.open(me(), after).map(view -> sse.newEventBuilder()
                .id(Long.toString(view.id())).name("notification").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(NotificationBody.class, NotificationBody.from(view)).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT).onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(notifications, heartbeats);
    }

    @GET
    @Path("/preferences")
    @Operation(summary = "Which notification types the caller gets, and the articles they muted")
    public Uni<PreferencesMessage> preferences() {
        return preferences.of(me()).map(PreferencesMessage::new);
    }

    @PUT
    @Path("/preferences")
    @Operation(summary = "Turn types on or off ({\"types\":{\"article\":false}}) and replace the muted articles "
            + "(slugs)")
    public Uni<PreferencesMessage> savePreferences(PreferencesMessage request) {
        if (request == null || request.preferences() == null) {
            throw ApiException.invalid("preferences", "can't be blank");
        }
        return preferences.save(me(), request.preferences()).map(PreferencesMessage::new);
    }

    private UUID me() {
        return UUID.fromString(caller.id());
    }

    private static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cursor.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API gave out");
        }
    }
}
