package org.colloquy.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentDeleted;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schemas describe exactly what {@link EventJson} writes for each record, and reject what they should. */
class EventSchemaTest {

    static Stream<Named<EventType<?>>> eventTypes() {
        return EventCatalog.ALL.stream().map(type -> Named.of(type.payload().getSimpleName(), type));
    }

    @Test
    void everyCatalogTypeHasASample() {
        Set<Class<?>> catalogued = EventCatalog.ALL.stream().map(EventType::payload).collect(Collectors.toSet());

        assertThat(Set.<Class<?>>copyOf(SampleEvents.types()))
                .as("payload records with a sample in SampleEvents")
                .isEqualTo(catalogued);
    }

    @Test
    void everySchemaFileBelongsToACatalogType() throws IOException {
        Set<String> catalogued = EventCatalog.ALL.stream()
                .map(type -> Path.of(type.schemaResource()).getFileName().toString())
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(EventsModule.file("src/main/resources/schemas"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(catalogued);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everySchemaIsAValidDraft202012Schema(EventType<?> type) {
        assertThat(Schemas.validateAgainstMetaSchema(Schemas.document(type))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaHeaderNamesItsEventType(EventType<?> type) {
        JsonNode schema = Schemas.document(type);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo("https://colloquy.org/schemas/" + type.type() + ".json");
        assertThat(schema.path("title").asText()).isEqualTo(type.payload().getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(false))
                .as("tolerant readers: producers may add fields")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaDescribesExactlyTheRecordComponents(EventType<?> type) {
        Set<String> components = Arrays.stream(type.payload().getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(Schemas.properties(type)).isEqualTo(components);
    }

    /** Required = checked by the record's constructor, primitive, or a list the constructor never leaves null. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaRequiresExactlyTheFieldsEveryInstanceWrites(EventType<?> type) throws ReflectiveOperationException {
        assertThat(Schemas.required(type)).isEqualTo(fieldsEveryInstanceHas(type.payload()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everySampleEventValidatesAgainstItsSchema(EventType<?> type) {
        String json = EventJson.write(SampleEvents.full(type.payload()));

        assertThat(Schemas.validate(type, json)).as(json).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void fullSampleWritesEveryPropertyOfTheSchema(EventType<?> type) {
        String json = EventJson.write(SampleEvents.full(type.payload()));

        assertThat(Schemas.fieldNames(json)).isEqualTo(Schemas.properties(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void minimalEventWithOnlyRequiredFieldsValidatesAgainstItsSchema(EventType<?> type) {
        String json = EventJson.write(SampleEvents.minimal(type.payload()));

        assertThat(Schemas.validate(type, json)).as(json).isEmpty();
        assertThat(Schemas.fieldNames(json)).as("null fields are left out").isEqualTo(Schemas.required(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaRejectsDataMissingAnyRequiredField(EventType<?> type) {
        String json = EventJson.write(SampleEvents.full(type.payload()));

        for (String field : Schemas.required(type)) {
            Set<ValidationMessage> errors = Schemas.validate(type, Schemas.without(json, field));

            assertThat(errors).as("errors without '%s'", field)
                    .singleElement()
                    .satisfies(error -> assertThat(error.getMessage()).contains("required", field));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everySampleSurvivesAJsonRoundTrip(EventType<?> type) {
        DomainEvent full = SampleEvents.full(type.payload());
        DomainEvent minimal = SampleEvents.minimal(type.payload());

        assertThat(EventJson.read(EventJson.write(full), type.payload())).isEqualTo(full);
        assertThat(EventJson.read(EventJson.write(minimal), type.payload())).isEqualTo(minimal);
    }

    @Test
    void schemaRejectsATimestampThatIsNotIso8601() {
        EventType<ArticlePublished> type = EventCatalog.of(ArticlePublished.class);
        String json = EventJson.write(SampleEvents.full(ArticlePublished.class));

        assertThat(Schemas.validate(type, Schemas.with(json, "publishedAt", "\"14.03.2025 09:26\""))).isNotEmpty();
        assertThat(Schemas.validate(type, Schemas.with(json, "publishedAt", "1741944413"))).isNotEmpty();
    }

    @Test
    void schemaRejectsFieldsOfTheWrongType() {
        EventType<CommentDeleted> type = EventCatalog.of(CommentDeleted.class);
        String json = EventJson.write(SampleEvents.full(CommentDeleted.class));

        assertThat(Schemas.validate(type, Schemas.with(json, "commentId", "\"4711\""))).isNotEmpty();
        assertThat(Schemas.validate(type, Schemas.with(json, "commentId", "47.11"))).isNotEmpty();
        assertThat(Schemas.validate(type, Schemas.with(json, "wasVisible", "\"yes\""))).isNotEmpty();
        assertThat(Schemas.validate(type, Schemas.with(json, "articleId", "null"))).isNotEmpty();
    }

    @Test
    void schemaRejectsABlankRequiredString() {
        EventType<ArticlePublished> type = EventCatalog.of(ArticlePublished.class);
        String json = EventJson.write(SampleEvents.full(ArticlePublished.class));

        assertThat(Schemas.validate(type, Schemas.with(json, "slug", "\"  \""))).isNotEmpty();
    }

    @Test
    void schemaAcceptsFieldsItDoesNotKnow() {
        EventType<ArticlePublished> type = EventCatalog.of(ArticlePublished.class);
        String json = EventJson.write(SampleEvents.full(ArticlePublished.class));

        assertThat(Schemas.validate(type, Schemas.with(json, "readingMinutes", "7"))).isEmpty();
    }

    @Test
    void instantsAreWrittenAsIso8601InUtc() {
        String json = EventJson.write(SampleEvents.full(ArticleDeleted.class));

        assertThat(json).contains("\"deletedAt\":\"2025-03-14T09:26:53.589793Z\"");
    }

    @Test
    void germanTextSurvivesTheTripThroughUtf8Bytes() {
        ArticlePublished published = SampleEvents.full(ArticlePublished.class);

        byte[] bytes = EventJson.write(published).getBytes(UTF_8); // what the Kafka StringSerializer sends
        String received = new String(bytes, UTF_8);

        assertThat(received).contains("\"title\":\"Über die Wärmepumpe\"");
        assertThat(EventJson.read(received, ArticlePublished.class)).isEqualTo(published);
        assertThat(Schemas.validate(EventCatalog.of(ArticlePublished.class), received)).isEmpty();
    }

    /** Primitives, lists (never null) and whatever the canonical constructor refuses to be null. */
    private static Set<String> fieldsEveryInstanceHas(Class<? extends DomainEvent> payload)
            throws ReflectiveOperationException {
        RecordComponent[] components = payload.getRecordComponents();
        Constructor<?> constructor = payload.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        DomainEvent sample = SampleEvents.full(payload);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(sample);
        }

        Set<String> required = new TreeSet<>();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (components[i].getType().isPrimitive()) {
                required.add(name);
                continue;
            }
            Object[] withoutField = values.clone();
            withoutField[i] = null;
            try {
                DomainEvent built = (DomainEvent) constructor.newInstance(withoutField);
                if (List.class.isAssignableFrom(components[i].getType())) {
                    assertThat(components[i].getAccessor().invoke(built)).as("%s given null", name)
                            .isEqualTo(List.of());
                    required.add(name);
                }
            } catch (InvocationTargetException e) {
                assertThat(e.getCause()).as("%s given null", name).isInstanceOf(IllegalArgumentException.class);
                required.add(name);
            }
        }
        return required;
    }
}
