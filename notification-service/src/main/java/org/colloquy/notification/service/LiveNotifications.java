package org.colloquy.notification.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.colloquy.domain.RateLimited;
import org.colloquy.notification.repository.NotificationQueries;
import org.colloquy.notification.repository.NotificationSignal;
import org.colloquy.notification.repository.NotificationView;

/**
 * Live streams of notifications. The consumers signal new notifications with PostgreSQL {@code NOTIFY} when their
 * transaction commits; every instance {@code LISTEN}s and sends each new notification to the streams connected to
 * it. So it works with any number of instances: no instance needs to know where a user is connected.
 */
@ApplicationScoped
public class LiveNotifications {

    /** A stream ends when its client goes; a client over the cap can try again after this. */
    private static final Duration STREAM_RETRY = Duration.ofSeconds(30);

    private final NotificationQueries queries;
    private final DeliveryMetrics metrics;
    private final NotificationSignal signal;
    private final Map<UUID, Set<Stream>> streams = new ConcurrentHashMap<>();
    /** Streams per user on this instance, counted before the stream starts, so that the cap holds under a burst. */
    private final Map<UUID, Integer> opened = new ConcurrentHashMap<>();
    private final int streamsPerUser;
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicBoolean dispatchAgain = new AtomicBoolean();
    private volatile long lastSeen;

    public LiveNotifications(NotificationQueries queries, DeliveryMetrics metrics, NotificationSignal signal,
            NotificationSettings settings) {
        this.queries = queries;
        this.streamsPerUser = settings.streamsPerUser();
        this.metrics = metrics;
        this.signal = signal;
    }

    /** One connected client: it gets the notifications after {@code lastSent}, each once, in order. */
    private static final class Stream {
        final UUID user;
        final MultiEmitter<? super NotificationView> emitter;
        final DeliveryMetrics metrics;
        long lastSent;
        boolean live;

        Stream(UUID user, MultiEmitter<? super NotificationView> emitter, DeliveryMetrics metrics) {
            this.user = user;
            this.emitter = emitter;
            this.metrics = metrics;
        }

        synchronized void send(NotificationView notification) {
            if (notification.id() > lastSent) {
                lastSent = notification.id();
                emitter.emit(notification);
                metrics.live();
            }
        }
    }

    void start(@Observes StartupEvent event) {
        lastSeen = queries.latestId().await().atMost(Duration.ofSeconds(30));
        signal.listen(this::dispatch);
    }

    void stop(@Observes ShutdownEvent event) {
        streams.values().forEach(set -> set.forEach(stream -> stream.emitter.complete()));
    }

    /**
     * The user's notifications from now on; with {@code lastEventId}, first those after it (what a reconnecting
     * client missed).
     */
    public Multi<NotificationView> open(UUID user, Long lastEventId) {
        if (opened.merge(user, 1, Integer::sum) > streamsPerUser) {
            opened.computeIfPresent(user, (key, count) -> count == 1 ? null : count - 1);
            throw new RateLimited("stream", "too many live streams (maximum is " + streamsPerUser
                    + " per user)", STREAM_RETRY);
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                opened.computeIfPresent(user, (key, count) -> count == 1 ? null : count - 1);
            }
        };
        return Multi.createFrom().<NotificationView> emitter(emitter -> {
            Stream stream = new Stream(user, emitter, metrics);
            streams.computeIfAbsent(user, key -> ConcurrentHashMap.newKeySet()).add(stream);
            emitter.onTermination(() -> streams.computeIfPresent(user, (key, set) -> {
                set.remove(stream);
                return set.isEmpty() ? null : set;
            }));
            Uni<Long> start = lastEventId != null ? Uni.createFrom().item(lastEventId) : queries.latestIdOf(user);
            start.invoke(from -> stream.lastSent = from)
                    .chain(from -> catchUp(stream))
                    .invoke(() -> stream.live = true)
                    .chain(() -> catchUp(stream)) // what arrived while the stream was not yet live
                    .subscribe().with(done -> { }, emitter::fail);
        }).onTermination().invoke(close);
    }

    public int connectedStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private Uni<Void> catchUp(Stream stream) {
        return queries.after(stream.user, stream.lastSent).invoke(missed -> missed.forEach(stream::send))
                .replaceWithVoid();
    }

    /** A signal may be missed while the listening connection reconnects; this catches up regularly. */
    @Scheduled(every = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void safetyNet() {
        dispatch();
    }

    /** Sends new notifications to the streams connected here; one dispatch at a time, repeated if signalled again. */
    void dispatch() {
        if (!dispatching.compareAndSet(false, true)) {
            dispatchAgain.set(true);
            return;
        }
        UUID[] connected = streams.keySet().toArray(UUID[]::new);
        Uni<List<NotificationView>> fresh = connected.length == 0 ? queries.latestId().map(latest -> {
            lastSeen = Math.max(lastSeen, latest);
            return List.<NotificationView> of();
        }) : queries.newFor(connected, lastSeen);
        fresh.subscribe().with(notifications -> {
            for (NotificationView notification : notifications) {
                lastSeen = Math.max(lastSeen, notification.id());
                streams.getOrDefault(notification.recipientId(), Set.of()).stream()
                        .filter(stream -> stream.live).forEach(stream -> stream.send(notification));
            }
            finishDispatch(notifications.size() >= 10_000);
        }, failure -> {
            Log.warnf("Dispatching notifications failed: %s", failure.getMessage());
            finishDispatch(false);
        });
    }

    private void finishDispatch(boolean more) {
        dispatching.set(false);
        if (dispatchAgain.getAndSet(false) || more) {
            dispatch();
        }
    }
}
