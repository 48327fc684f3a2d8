package org.colloquy.events;

/**
 * One entry of the contract: the CloudEvents {@code type}, its payload record, the topic it is published on and the
 * JSON Schema (a classpath resource) its data must satisfy.
 */
public record EventType<T extends DomainEvent>(String type, Class<T> payload, String topic) {

    /** Types are {@code org.colloquy.<context>.<Name>.v<version>}; a breaking change is a new version. */
    public static <T extends DomainEvent> EventType<T> of(String context, Class<T> payload, String topic) {
        return new EventType<>("org.colloquy." + context + "." + payload.getSimpleName() + ".v1", payload, topic);
    }

    public String schemaResource() {
        return "schemas/" + type + ".json";
    }
}
