package org.colloquy.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml documents exactly the event catalog: same types, same topics, the real schema files. */
class AsyncApiDocumentTest {

    /** Maven runs the tests in the module directory. */
    private static final Path DOCUMENT = EventsModule.file("asyncapi.yaml");

    private static JsonNode asyncApi;
    /** Every message of every channel, with the topic of its channel. */
    private static List<DocumentedMessage> messages;

    record DocumentedMessage(String topic, String key, JsonNode message) {

        String cloudEventsType() {
            // headers: allOf [ CloudEventHeaders, { properties: { ce_type: { const: <type> } } } ]
            return message.path("headers").findValue("ce_type").path("const").asText();
        }

        String payloadRef() {
            return message.path("payload").path("$ref").asText();
        }
    }

    @BeforeAll
    static void parseDocument() throws IOException {
        asyncApi = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        messages = new ArrayList<>();
        asyncApi.path("channels").forEach(channel -> channel.path("messages").fields().forEachRemaining(entry ->
                messages.add(new DocumentedMessage(channel.path("address").asText(), entry.getKey(),
                        resolve(entry.getValue())))));
    }

    @Test
    void isAnAsyncApi3DocumentWithALocalKafkaServer() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(asyncApi.path("info").path("title").asText()).isEqualTo("Colloquy events");
        assertThat(asyncApi.path("info").path("version").asText()).isEqualTo("1.0.0");
        assertThat(asyncApi.path("servers").path("local").path("protocol").asText()).isEqualTo("kafka");
        assertThat(asyncApi.path("servers").path("local").path("host").asText()).isEqualTo("localhost:9092");
    }

    @Test
    void channelsAreExactlyTheContractTopics() {
        List<String> addresses = new ArrayList<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyTopicHasTheDefaultPartitionCount() {
        assertThat(asyncApi.path("channels")).allSatisfy(channel -> assertThat(
                channel.path("bindings").path("kafka").path("partitions").asInt())
                .isEqualTo(Topics.DEFAULT_PARTITIONS));
    }

    @Test
    void documentedMessageTypesAreExactlyTheCatalogTypes() {
        List<String> documented = messages.stream().map(DocumentedMessage::cloudEventsType).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(catalogTypes());
    }

    @Test
    void noMessageIsDefinedOutsideTheChannels() {
        Set<String> defined = new TreeSet<>();
        asyncApi.path("components").path("messages").fieldNames().forEachRemaining(defined::add);

        assertThat(defined).containsExactlyInAnyOrderElementsOf(
                messages.stream().map(DocumentedMessage::key).toList());
    }

    @Test
    void everyMessageSitsInTheChannelOfItsTopic() {
        assertThat(messages).allSatisfy(documented -> assertThat(documented.topic())
                .as(documented.cloudEventsType())
                .isEqualTo(catalogEntry(documented).topic()));
    }

    @Test
    void everyMessageIsNamedAfterItsPayloadRecord() {
        assertThat(messages).allSatisfy(documented -> {
            String simpleName = catalogEntry(documented).payload().getSimpleName();
            assertThat(documented.key()).isEqualTo(simpleName);
            assertThat(documented.message().path("name").asText()).isEqualTo(simpleName);
        });
    }

    @Test
    void everyPayloadRefPointsToTheSchemaFileOfItsType() {
        assertThat(messages).allSatisfy(documented -> {
            EventType<?> type = catalogEntry(documented);
            assertThat(documented.payloadRef()).isEqualTo("src/main/resources/" + type.schemaResource());
            assertThat(DOCUMENT.resolveSibling(documented.payloadRef())).isRegularFile();
        });
    }

    @Test
    void everyMessageDescribesItsKafkaKey() {
        assertThat(messages).allSatisfy(documented -> assertThat(
                resolve(documented.message().path("bindings").path("kafka").path("key")).path("description").asText())
                .as(documented.cloudEventsType())
                .isNotBlank());
    }

    @Test
    void everyOperationUsesADocumentedChannel() {
        assertThat(asyncApi.path("operations")).isNotEmpty().allSatisfy(operation -> {
            assertThat(operation.path("action").asText()).isIn("send", "receive");
            assertThat(resolve(operation.path("channel")).path("address").asText()).isIn(Topics.ALL);
        });
    }

    @Test
    void everyTopicHasAPublisher() {
        Set<String> published = new TreeSet<>();
        asyncApi.path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals("send")) {
                published.add(resolve(operation.path("channel")).path("address").asText());
            }
        });

        assertThat(published).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    private static EventType<?> catalogEntry(DocumentedMessage documented) {
        return EventCatalog.byType(documented.cloudEventsType())
                .orElseThrow(() -> new AssertionError("Not a catalog type: '" + documented.cloudEventsType() + "'"));
    }

    private static Set<String> catalogTypes() {
        return EventCatalog.ALL.stream().map(EventType::type).collect(Collectors.toSet());
    }

    /** Follows a local {@code $ref} such as {@code #/components/messages/UserRegistered}; other nodes as they are. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText();
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = asyncApi.at(ref.substring(1));
        assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
        return resolve(target);
    }
}
