package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.colloquy.domain.Patch;
import org.junit.jupiter.api.Test;

class PatchJsonTest {

    record Changes(Patch<String> title, Patch<List<String>> tagList) {
    }

    record Request(Changes article) {
    }

    private final ObjectMapper json = new ObjectMapper();

    PatchJsonTest() {
        new NulCharacters().customize(json);
        new PatchJson().customize(json);
    }

    @Test
    void anOmittedFieldIsLeftAsItIs() throws Exception {
        Changes changes = json.readValue("{\"article\":{}}", Request.class).article();

        assertThat(changes.title()).isEqualTo(Patch.omitted());
        assertThat(changes.title().isGiven()).isFalse();
        assertThat(changes.tagList().isGiven()).isFalse();
    }

    @Test
    void nullClearsAField() throws Exception {
        Changes changes = json.readValue("{\"article\":{\"title\":null,\"tagList\":null}}", Request.class).article();

        assertThat(changes.title().isCleared()).isTrue();
        assertThat(changes.tagList()).isEqualTo(Patch.cleared());
        assertThat(changes.tagList().value()).isNull();
    }

    @Test
    void aValueIsReadAsItsTypeArgument() throws Exception {
        Changes changes = json.readValue("{\"article\":{\"title\":\"Neu\",\"tagList\":[\"a\",\"b\"]}}",
                Request.class).article();

        assertThat(changes.title()).isEqualTo(Patch.to("Neu"));
        assertThat(changes.tagList().value()).containsExactly("a", "b");
        assertThat(changes.tagList().isCleared()).isFalse();
        assertThat(json.readValue("{\"article\":{\"tagList\":[]}}", Request.class).article().tagList().value())
                .isEmpty();
    }

    @Test
    void aWrongShapeIsTheUsual422OnItsJsonPath() {
        Throwable thrown = catchThrowable(() -> json.readValue("{\"article\":{\"tagList\":\"a\"}}", Request.class));

        assertThat(thrown).isInstanceOf(MismatchedInputException.class);
        Response answer = new ErrorMappers().unreadable((MismatchedInputException) thrown);
        assertThat(answer.getStatus()).isEqualTo(422);
        assertThat(((ErrorBody) answer.getEntity()).errors().get("article.tagList"))
                .containsExactly("is not valid JSON for this request");
    }

    @Test
    void theValueMeetsTheNulRule() {
        Throwable thrown = catchThrowable(() -> json.readValue("{\"article\":{\"title\":\"a\\u0000b\"}}",
                Request.class));

        assertThat(thrown).isInstanceOf(NulCharacters.Refused.class);
    }

    @Test
    void aMissingObjectIsAnOmittedPatch() {
        assertThat(Patch.of((Patch<String>) null).isGiven()).isFalse();
        assertThat(Patch.to(null)).isEqualTo(Patch.cleared());
        assertThat(Patch.to("x").map(String::length)).isEqualTo(Patch.to(1));
        assertThat(Patch.<String>cleared().map(String::length).isCleared()).isTrue();
    }
}
