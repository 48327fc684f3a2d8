package org.colloquy.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.colloquy.domain.Conflict;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.NotAllowed;
import org.colloquy.domain.NotAuthenticated;
import org.colloquy.domain.NotFound;
import org.colloquy.domain.RateLimited;
import org.colloquy.domain.Refusal;
import org.junit.jupiter.api.Test;

class RefusalAnswersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void eachKindOfRefusalIsTheStatusTheApiDocumentsInTheErrorShape() {
        assertAnswer(new NotFound("article"), 404, Map.of("article", List.of("not found")));
        assertAnswer(new NotAllowed("comment"), 403, Map.of("comment", List.of("forbidden")));
        assertAnswer(new NotAllowed("comment", "you are banned from commenting"), 403,
                Map.of("comment", List.of("you are banned from commenting")));
        assertAnswer(new Invalid("body", "can't be blank"), 422, Map.of("body", List.of("can't be blank")));
        assertAnswer(new Invalid(Map.of("title", List.of("can't be blank"), "body", List.of("is too long"))), 422,
                Map.of("title", List.of("can't be blank"), "body", List.of("is too long")));
        assertAnswer(new Conflict("username", "has already been taken"), 409,
                Map.of("username", List.of("has already been taken")));
        assertAnswer(new NotAuthenticated("credentials", "invalid"), 401, Map.of("credentials", List.of("invalid")));
    }

    @Test
    void aRateLimitSaysWhenToComeBack() {
        Response attempts = mappers.refused(new RateLimited("credentials", Duration.ofMillis(61_500)));
        assertThat(attempts.getStatus()).isEqualTo(429);
        assertThat(attempts.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("61");
        assertThat(((ErrorBody) attempts.getEntity()).errors())
                .isEqualTo(Map.of("credentials", List.of("too many attempts, try again in 61 seconds")));

        Response streams = mappers.refused(new RateLimited("stream", "too many live streams (maximum is 5)",
                Duration.ofSeconds(30)));
        assertThat(streams.getStatus()).isEqualTo(429);
        assertThat(streams.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(((ErrorBody) streams.getEntity()).errors())
                .isEqualTo(Map.of("stream", List.of("too many live streams (maximum is 5)")));
    }

    private void assertAnswer(Refusal refusal, int status, Map<String, List<String>> errors) {
        Response answer = mappers.refused(refusal);
        assertThat(answer.getStatus()).as("%s", refusal).isEqualTo(status);
        assertThat(((ErrorBody) answer.getEntity()).errors()).as("%s", refusal).isEqualTo(errors);
        assertThat(answer.getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
    }
}
