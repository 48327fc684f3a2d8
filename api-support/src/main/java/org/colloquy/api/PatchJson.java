package org.colloquy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.colloquy.domain.Patch;

/**
 * Reads {@link Patch} fields of request records: an omitted field is {@link Patch#omitted()}, {@code null} is
 * {@link Patch#cleared()}, anything else is read as the patch's type argument would be (so a wrong shape is the same
 * 422 as anywhere else, keyed by its JSON path, and texts meet the NUL rule of {@link NulCharacters}).
 */
@Singleton
public class PatchJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("colloquy-patch").addDeserializer(Patch.class, new Reader(null)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Reader extends JsonDeserializer<Patch> implements ContextualDeserializer {

        private final JsonDeserializer<Object> content;

        Reader(JsonDeserializer<Object> content) {
            this.content = content;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JavaType type = property != null ? property.getType() : context.getContextualType();
            JavaType contentType = type == null || type.containedTypeCount() == 0
                    ? context.constructType(Object.class) : type.containedType(0);
            return new Reader(context.findContextualValueDeserializer(contentType, property));
        }

        @Override
        public Patch deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Patch.to(content.deserialize(parser, context));
        }

        @Override
        public Patch getNullValue(DeserializationContext context) {
            return Patch.cleared();
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Patch.omitted();
        }
    }
}
