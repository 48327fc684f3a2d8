package org.colloquy.messaging.inbox;

import java.time.OffsetDateTime;

/** The CloudEvents attributes and the Kafka position of the event a handler is applying. */
public record EventMetadata(String id, String type, String source, String subject, OffsetDateTime time, String topic,
        int partition, long offset) {
}
