package org.colloquy.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** The JSON Schemas of the event types, loaded from the classpath as consumers would, and JSON editing helpers. */
final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** "format" is only an annotation in 2020-12 unless asserted: assert it, so that date-times are checked. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    /** The schema document of a type, from the classpath resource {@link EventType#schemaResource()}. */
    static JsonNode document(EventType<?> type) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No classpath resource " + type.schemaResource());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validate(EventType<?> type, String json) {
        return FACTORY.getSchema(document(type), CONFIG).validate(json, InputFormat.JSON);
    }

    /** Validates a schema document against the draft 2020-12 meta-schema (bundled with the validator: offline). */
    static Set<ValidationMessage> validateAgainstMetaSchema(JsonNode schema) {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
        return metaSchema.validate(schema);
    }

    static Set<String> properties(EventType<?> type) {
        return fieldNames(document(type).path("properties"));
    }

    static Set<String> required(EventType<?> type) {
        Set<String> required = new TreeSet<>();
        document(type).path("required").forEach(field -> required.add(field.asText()));
        return required;
    }

    static boolean isArray(EventType<?> type, String property) {
        return document(type).path("properties").path(property).path("type").asText().equals("array");
    }

    /** The top-level field names of a JSON object. */
    static Set<String> fieldNames(String json) {
        return fieldNames(tree(json));
    }

    /** The JSON object without one of its fields. */
    static String without(String json, String field) {
        ObjectNode object = (ObjectNode) tree(json);
        object.remove(field);
        return object.toString();
    }

    /** The JSON object with one field set (or replaced) to a value given as JSON. */
    static String with(String json, String field, String valueJson) {
        ObjectNode object = (ObjectNode) tree(json);
        object.set(field, tree(valueJson));
        return object.toString();
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Schemas() {
    }
}
