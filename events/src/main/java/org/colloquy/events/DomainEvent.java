package org.colloquy.events;

/**
 * A payload of the event contract. Implementations are immutable records that carry ids and the few fields their
 * consumers need, never entity graphs.
 */
public interface DomainEvent {

    /**
     * The Kafka record key. All events with the same key land on the same partition and so stay in order; for most
     * types it is the aggregate id, see each type's documentation for the exceptions.
     */
    String key();

    /** The CloudEvents {@code subject}: the id of the thing the event is about. */
    default String subject() {
        return key();
    }
}
