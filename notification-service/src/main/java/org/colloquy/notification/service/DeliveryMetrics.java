package org.colloquy.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.colloquy.messaging.inbox.Inbox;

/**
 * {@code colloquy_notifications_delivered_total{channel}}: notifications put into inboxes (counted once their event's
 * transaction committed, so retries and redeliveries do not count twice) and notifications sent on live streams
 * (one per stream that got it, replays after {@code Last-Event-ID} included).
 */
@ApplicationScoped
public class DeliveryMetrics {

    public static final String DELIVERED = "colloquy.notifications.delivered";

    private final Counter inbox;
    private final Counter live;

    public DeliveryMetrics(MeterRegistry registry) {
        this.inbox = counter(registry, "inbox");
        this.live = counter(registry, "live");
    }

    /** Notifications written in the current event's transaction; counted when it commits. */
    public void toInbox(long notifications) {
        if (notifications > 0) {
            Inbox.afterCommit(() -> inbox.increment(notifications));
        }
    }

    void live() {
        live.increment();
    }

    private static Counter counter(MeterRegistry registry, String channel) {
        return Counter.builder(DELIVERED).description("Notifications delivered, by channel")
                .tag("channel", channel).register(registry);
    }
}
