package org.colloquy.notification.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** notification-service's own settings ({@code colloquy.notifications.*}), described in the service README. */
@ConfigMapping(prefix = "colloquy.notifications")
public interface NotificationSettings {

    /** How long read notifications are kept; unread ones stay. */
    @WithDefault("P30D")
    Duration retention();

    /** How often the purge of read notifications runs (a scheduler interval, read by {@link Retention}). */
    @WithDefault("1h")
    String purgeEvery();

    /** Live streams one user may hold open at once. */
    @WithDefault("5")
    int streamsPerUser();
}
