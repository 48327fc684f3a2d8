package org.colloquy.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document and the events README name the consumers of each topic exactly as {@link Consumers}. */
class ConsumersDocumentedTest {

    private static final Pattern SERVICE = Pattern.compile("[a-z]+-service");

    @Test
    void everyTopicsReceiveOperationNamesItsConsumers() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory())
                .readTree(EventsModule.file("asyncapi.yaml").toFile());
        Map<String, Set<String>> documented = new TreeMap<>();
        asyncApi.path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals("receive")) {
                String channel = operation.path("channel").path("$ref").asText().substring(1);
                String topic = asyncApi.at(channel).path("address").asText();
                documented.put(topic, services(operation.path("summary").asText()));
            }
        });

        assertThat(documented).isEqualTo(fromCatalog());
    }

    @Test
    void theReadmeTableNamesEachTopicsConsumers() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(EventsModule.file("README.md"))) {
            Matcher topic = Pattern.compile("^\\| `([a-z]+\\.events)` \\|").matcher(line);
            if (topic.find()) {
                String[] cells = line.split("\\|");
                documented.put(topic.group(1), services(cells[cells.length - 1]));
            }
        }

        assertThat(documented).isEqualTo(fromCatalog());
    }

    @Test
    void everyConsumerHandlesOnlyTypesOfTheTopicsItReads() {
        assertThat(Consumers.ALL).allSatisfy(consumer -> consumer.handled().forEach((topic, types) -> {
            assertThat(Topics.ALL).contains(topic);
            assertThat(types).isNotEmpty().allSatisfy(type -> assertThat(EventCatalog.of(type).topic())
                    .as("%s of %s", type.getSimpleName(), consumer.service()).isEqualTo(topic));
        }));
        assertThat(Consumers.of(Topics.COMMENT_EVENTS)).containsExactly("article-service", "notification-service");
    }

    private static Map<String, Set<String>> fromCatalog() {
        Map<String, Set<String>> consumers = new TreeMap<>();
        for (String topic : Topics.ALL) {
            consumers.put(topic, new TreeSet<>(Consumers.of(topic)));
        }
        return consumers;
    }

    private static Set<String> services(String text) {
        Set<String> services = new TreeSet<>();
        Matcher matcher = SERVICE.matcher(text);
        while (matcher.find()) {
            services.add(matcher.group());
        }
        return services;
    }
}
