package org.colloquy.notification.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.colloquy.notification.repository.NotificationQueries;

/** Read notifications older than {@code colloquy.notifications.retention} are purged; unread ones stay. */
@ApplicationScoped
public class Retention {

    private final NotificationQueries queries;
    private final Duration retention;

    public Retention(NotificationQueries queries, NotificationSettings settings) {
        this.queries = queries;
        this.retention = settings.retention();
    }

    @Scheduled(identity = "purge-read-notifications", every = "${colloquy.notifications.purge-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return purgeNow().replaceWithVoid();
    }

    /** Returns how many were purged. */
    public Uni<Integer> purgeNow() {
        return queries.purgeReadBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention))
                .invoke(purged -> {
                    if (purged > 0) {
                        Log.infof("Purged %d read notifications older than %s", purged, retention);
                    }
                });
    }
}
