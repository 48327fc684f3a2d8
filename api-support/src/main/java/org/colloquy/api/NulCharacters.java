package org.colloquy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL anywhere in a request body's strings (values, object keys, and the
 * texts of bodies read as a tree) is refused while reading the body: a 422 on that field instead of a 500 from the
 * database. Parameters get the same rule in {@link NulParameters}.
 */
@Singleton
public class NulCharacters implements ObjectMapperCustomizer {

    public static final String MESSAGE = "must not contain NUL characters";

    public static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("colloquy-nul-characters")
                .addDeserializer(String.class, new Strings())
                .addKeyDeserializer(String.class, new Keys())
                .addDeserializer(JsonNode.class, new Trees()));
    }

    /**
     * A text that contains NUL; the unreadable-body mapper answers it with {@link #MESSAGE} on its JSON path. A
     * {@link MismatchedInputException}, because Quarkus REST passes those on to the mappers (other mapping failures
     * become a bare 400).
     */
    public static final class Refused extends MismatchedInputException {
        Refused(JsonParser parser) {
            super(parser, MESSAGE);
        }
    }

    static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (in(text)) {
                throw new Refused(parser);
            }
            return text;
        }
    }

    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (in(key)) {
                throw new Refused(context.getParser());
            }
            return key;
        }
    }

    /** Bodies read as {@link JsonNode} (partial updates) bypass the String deserializer: their texts are walked. */
    static final class Trees extends StdDeserializer<JsonNode> {
        private static final JsonDeserializer<? extends JsonNode> TREE =
                JsonNodeDeserializer.getDeserializer(JsonNode.class);

        Trees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = TREE.deserialize(parser, context);
            Refused refused = check(tree, parser);
            if (refused != null) {
                throw refused;
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return NullNode.getInstance();
        }

        /** The first NUL in the tree, with the path to it (outermost reference first). */
        private static Refused check(JsonNode node, JsonParser parser) {
            if (node.isTextual()) {
                return in(node.textValue()) ? new Refused(parser) : null;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Refused refused = check(node.get(i), parser);
                    if (refused != null) {
                        refused.prependPath(node, i);
                        return refused;
                    }
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Refused refused = in(field.getKey()) ? new Refused(parser) : check(field.getValue(), parser);
                    if (refused != null) {
                        refused.prependPath(node, field.getKey());
                        return refused;
                    }
                }
            }
            return null;
        }
    }
}
