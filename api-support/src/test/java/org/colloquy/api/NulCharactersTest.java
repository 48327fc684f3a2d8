package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    record Article(String title, List<String> tagList, Map<String, Boolean> types) {
    }

    record Request(Article article) {
    }

    private final ObjectMapper json = new ObjectMapper();

    NulCharactersTest() {
        new NulCharacters().customize(json);
    }

    @Test
    void aNulInATextIsRefusedOnItsJsonPath() {
        assertThat(answer("{\"article\":{\"title\":\"a\\u0000b\"}}", Request.class))
                .isEqualTo(ErrorBody.of("article.title", "must not contain NUL characters"));
        assertThat(answer("{\"article\":{\"tagList\":[\"ok\",\"\\u0000\"]}}", Request.class))
                .isEqualTo(ErrorBody.of("article.tagList[1]", "must not contain NUL characters"));
        assertThat(answer("{\"article\":{\"types\":{\"a\\u0000\":true}}}", Request.class).errors())
                .containsValue(List.of("must not contain NUL characters"));
    }

    @Test
    void aNulInABodyReadAsATreeIsRefusedOnItsJsonPath() {
        assertThat(answer("{\"article\":{\"body\":\"x\",\"tagList\":[\"\\u0000\"]}}", JsonNode.class))
                .isEqualTo(ErrorBody.of("article.tagList[0]", "must not contain NUL characters"));
        assertThat(answer("{\"user\":{\"bio\":\"\\u0000\"}}", JsonNode.class))
                .isEqualTo(ErrorBody.of("user.bio", "must not contain NUL characters"));
    }

    @Test
    void textsWithoutNulAndOtherMalformedBodiesAreAsBefore() throws JsonProcessingException {
        assertThat(json.readValue("{\"article\":{\"title\":\"Grüße \\u0001\"}}", Request.class).article().title())
                .isEqualTo("Grüße \u0001");
        assertThat(json.readValue("null", JsonNode.class).isNull()).isTrue();
        assertThat(answer("{\"article\":{\"tagList\":\"x\"}}", Request.class).errors().get("article.tagList"))
                .containsExactly("is not valid JSON for this request");
    }

    private ErrorBody answer(String body, Class<?> type) {
        JsonProcessingException failure = (JsonProcessingException) catchThrowable(() -> json.readValue(body, type));
        assertThat(failure).isNotNull();
        Response response = new ErrorMappers().unreadable(failure);
        assertThat(response.getStatus()).isEqualTo(422);
        return (ErrorBody) response.getEntity();
    }
}
