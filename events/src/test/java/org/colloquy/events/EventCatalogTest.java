package org.colloquy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentPosted;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Looking types up and reading event data: tolerant of additions, strict about what the contract requires. */
class EventCatalogTest {

    private static final String PUBLISHED = EventCatalog.of(ArticlePublished.class).type();

    static Stream<Named<EventType<?>>> eventTypes() {
        return EventCatalog.ALL.stream().map(type -> Named.of(type.payload().getSimpleName(), type));
    }

    @Test
    void everyTypeFollowsTheNamingRuleAndIsPublishedOnAContractTopic() {
        assertThat(EventCatalog.ALL).allSatisfy(type -> {
            String context = type.payload().getPackageName().substring("org.colloquy.events.".length());
            assertThat(type.type()).isEqualTo("org.colloquy." + context + "." + type.payload().getSimpleName() + ".v1");
            assertThat(type.topic()).isIn(Topics.ALL);
        });
        assertThat(EventCatalog.ALL).extracting(EventType::type).doesNotHaveDuplicates();
    }

    @Test
    void findsTypesByCloudEventsTypeAndByPayload() {
        assertThat(EventCatalog.byType(PUBLISHED)).get()
                .extracting(EventType::payload).isEqualTo(ArticlePublished.class);
        assertThat(EventCatalog.byType("org.colloquy.article.ArticlePublished.v2")).isEmpty();
        assertThat(EventCatalog.byType(null)).isEmpty();
        assertThat(EventCatalog.of(ArticlePublished.class).topic()).isEqualTo(Topics.ARTICLE_EVENTS);
    }

    @Test
    void refusesAPayloadThatIsNotInTheCatalog() {
        record NotInCatalog(String id) implements DomainEvent {
            @Override
            public String key() {
                return id;
            }
        }

        assertThatThrownBy(() -> EventCatalog.of(NotInCatalog.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the event catalog");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void readsWhatEventJsonWrites(EventType<?> type) {
        DomainEvent sample = SampleEvents.full(type.payload());

        assertThat(EventCatalog.read(type.type(), EventJson.write(sample))).isEqualTo(sample);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"articleId\": }", "not json", "[]", "42", "\"Über die Wärmepumpe\"",
            "{\"articleId\":\"a\"} {\"slug\":\"b\"}"})
    void rejectsMalformedJson(String data) {
        assertThatThrownBy(() -> EventCatalog.read(PUBLISHED, data)).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"org.colloquy.article.ArticlePublished.v2", "org.colloquy.article.ArticleRead.v1",
            "ArticlePublished", ""})
    void rejectsAnUnknownType(String type) {
        String data = EventJson.write(SampleEvents.full(ArticlePublished.class));

        assertThatThrownBy(() -> EventCatalog.read(type, data))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Unknown event type");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "null")
    void rejectsNullData(String data) {
        assertThatThrownBy(() -> EventCatalog.read(PUBLISHED, data)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void rejectsArticlePublishedWithoutSlug() {
        String data = Schemas.without(EventJson.write(SampleEvents.full(ArticlePublished.class)), "slug");

        assertThatThrownBy(() -> EventCatalog.read(PUBLISHED, data))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("slug");
    }

    @Test
    void rejectsArticlePublishedWithABlankSlug() {
        String data = Schemas.with(EventJson.write(SampleEvents.full(ArticlePublished.class)), "slug", "\" \"");

        assertThatThrownBy(() -> EventCatalog.read(PUBLISHED, data))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("slug");
    }

    @Test
    void rejectsAMissingPrimitiveRatherThanReadingItAsZeroOrFalse() {
        String type = EventCatalog.of(CommentDeleted.class).type();
        String data = EventJson.write(SampleEvents.full(CommentDeleted.class));

        assertThatThrownBy(() -> EventCatalog.read(type, Schemas.without(data, "wasVisible")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCatalog.read(type, Schemas.without(data, "commentId")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCatalog.read(type, Schemas.with(data, "commentId", "null")))
                .isInstanceOf(MalformedEventException.class);
    }

    /** The reader agrees with the schema on every required field; lists are the one tolerated absence. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void rejectsDataMissingAnyRequiredFieldButAList(EventType<?> type) {
        String data = EventJson.write(SampleEvents.full(type.payload()));

        for (String field : Schemas.required(type)) {
            if (Schemas.isArray(type, field)) {
                continue;
            }
            assertThatThrownBy(() -> EventCatalog.read(type.type(), Schemas.without(data, field)))
                    .as("reading without '%s'", field)
                    .isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void readsAMissingListAsEmpty() {
        String data = Schemas.without(EventJson.write(SampleEvents.full(CommentPosted.class)), "mentions");

        assertThat(EventJson.read(data, CommentPosted.class).mentions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void ignoresFieldsItDoesNotKnow(EventType<?> type) {
        DomainEvent sample = SampleEvents.full(type.payload());
        String data = Schemas.with(EventJson.write(sample), "addedInALaterVersion",
                "{\"nested\":[1,2,3],\"text\":\"Größe\"}");

        assertThat(EventCatalog.read(type.type(), data)).isEqualTo(sample);
    }

    @Test
    void readsOptionalFieldsGivenAsExplicitNull() {
        ArticlePublished minimal = SampleEvents.minimal(ArticlePublished.class);
        String data = Schemas.with(EventJson.write(minimal), "description", "null");

        assertThat(EventCatalog.read(PUBLISHED, data)).isEqualTo(minimal);
    }
}
