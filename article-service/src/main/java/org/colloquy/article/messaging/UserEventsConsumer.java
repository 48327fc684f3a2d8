package org.colloquy.article.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.colloquy.authors.UserEventHandlers;
import org.colloquy.messaging.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the author replica (authors, follows, revoked token versions) from user.events. */
@ApplicationScoped
public class UserEventsConsumer {

    private final Inbox inbox;
    private final UserEventHandlers userEvents;

    public UserEventsConsumer(Inbox inbox, UserEventHandlers userEvents) {
        this.inbox = inbox;
        this.userEvents = userEvents;
    }

    @Incoming("user-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processBatch(records, userEvents.handlers());
    }
}
