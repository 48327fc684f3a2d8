package org.colloquy.messaging.inbox;

import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.colloquy.events.DomainEvent;

/**
 * What one consumer does with each event type it cares about. Types it does not list are skipped, so a producer can
 * add types without breaking it (tolerant reader). Handlers run inside the inbox's transaction.
 *
 * <pre>{@code
 * EventHandlers handlers = EventHandlers.builder()
 *         .on(ArticlePublished.class, replica::onPublished)
 *         .on(ArticleDeleted.class, replica::onDeleted)
 *         .build();
 * }</pre>
 */
public final class EventHandlers {

    private final Map<Class<? extends DomainEvent>, BiFunction<DomainEvent, EventMetadata, Uni<Void>>> byType;

    private EventHandlers(Map<Class<? extends DomainEvent>, BiFunction<DomainEvent, EventMetadata, Uni<Void>>> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<BiFunction<DomainEvent, EventMetadata, Uni<Void>>> forType(Class<? extends DomainEvent> type) {
        return Optional.ofNullable(byType.get(type));
    }

    public static final class Builder {
        private final Map<Class<? extends DomainEvent>, BiFunction<DomainEvent, EventMetadata, Uni<Void>>> byType =
                new HashMap<>();

        public <T extends DomainEvent> Builder on(Class<T> type, Function<T, Uni<Void>> handler) {
            return on(type, (T event, EventMetadata metadata) -> handler.apply(event));
        }

        public <T extends DomainEvent> Builder on(Class<T> type, BiFunction<T, EventMetadata, Uni<Void>> handler) {
            if (byType.putIfAbsent(type, (event, metadata) -> handler.apply(type.cast(event), metadata)) != null) {
                throw new IllegalArgumentException("Two handlers for " + type.getSimpleName());
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(byType);
        }
    }
}
