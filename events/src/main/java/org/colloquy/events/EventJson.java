package org.colloquy.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of event data, shared by producers and consumers so that both sides agree byte for byte.
 * Consumers are tolerant readers: unknown fields are ignored; required fields are checked by each record.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a missing or null commentId/flagCount/wasVisible is malformed data, not 0 or false
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // "{...} garbage" is not well-formed event data
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static String write(DomainEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads event data; throws {@link MalformedEventException} when the JSON is not well formed, is {@code null} or
     * misses a required field (primitive fields included: they have no default).
     */
    public static <T extends DomainEvent> T read(String json, Class<T> type) {
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedEventException("Cannot read " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
        if (event == null) { // the JSON literal null
            throw new MalformedEventException("Cannot read " + type.getSimpleName() + ": the data is null");
        }
        return event;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private EventJson() {
    }
}
