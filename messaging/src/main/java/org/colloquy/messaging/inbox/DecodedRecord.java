package org.colloquy.messaging.inbox;

import io.smallrye.mutiny.Uni;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.DomainEvent;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventType;
import org.colloquy.events.MalformedEventException;

/**
 * A record the inbox could read, with the handler this consumer has for its type. Records are decoded before any
 * transaction starts, so that a batch can be planned around the ones that cannot be read ({@link BatchPlan}).
 * {@code event} and {@code handler} are null for a type this consumer does not care about: the record is only
 * skipped, and its payload is not even parsed.
 */
record DecodedRecord(ConsumerRecord<String, String> record, EventMetadata metadata, DomainEvent event,
        BiFunction<DomainEvent, EventMetadata, Uni<Void>> handler) {

    /**
     * Reads the record's CloudEvents attributes and, if this consumer handles its type, its payload. Throws
     * {@link MalformedEventException} for a record that can never be applied: no CloudEvent, an unknown type, or a
     * payload that is not the type's JSON.
     */
    static DecodedRecord decode(ConsumerRecord<String, String> record, EventHandlers handlers) {
        EventMetadata metadata = CloudEventHeaders.metadata(record);
        EventType<?> type = EventCatalog.byType(metadata.type())
                .orElseThrow(() -> new MalformedEventException("Unknown event type '" + metadata.type() + "'"));
        var handler = handlers.forType(type.payload());
        if (handler.isEmpty()) {
            return new DecodedRecord(record, metadata, null, null);
        }
        return new DecodedRecord(record, metadata, EventCatalog.read(metadata.type(), record.value()), handler.get());
    }

    boolean hasHandler() {
        return handler != null;
    }

    /** The handler's effect; only for a record that {@link #hasHandler has one}. */
    Uni<Void> apply() {
        return handler.apply(event, metadata);
    }
}
