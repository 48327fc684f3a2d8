package org.colloquy.systemtests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.colloquy.events.Consumers.Consumer;
import org.colloquy.platform.PlatformService;

/**
 * Who consumes what ({@link org.colloquy.events.Consumers}, the contract's one source of it), keyed by the platform's
 * services. {@link Invariants} checks it against what the running services did, in both directions.
 */
final class Consumers {

    static final Map<PlatformService, List<String>> TOPICS = new LinkedHashMap<>();

    /** The event types each consumer has a handler for: each of them leaves a processed_event row, no other does. */
    static final Map<PlatformService, Set<String>> HANDLED = new LinkedHashMap<>();

    static {
        for (Consumer consumer : org.colloquy.events.Consumers.ALL) {
            PlatformService service = PlatformService.BACKENDS.stream()
                    .filter(backend -> backend.name().equals(consumer.service())).findFirst().orElseThrow();
            TOPICS.put(service, List.copyOf(consumer.topics()));
            HANDLED.put(service, consumer.types());
        }
    }

    static List<PlatformService> of(String topic) {
        return TOPICS.entrySet().stream().filter(entry -> entry.getValue().contains(topic)).map(Map.Entry::getKey)
                .toList();
    }

    private Consumers() {
    }
}
