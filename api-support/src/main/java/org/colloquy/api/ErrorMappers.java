package org.colloquy.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.colloquy.domain.Refusal;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an answer in the RealWorld error shape with the status the API documents; bad input is
 * a 4xx that says what is wrong, never a 500 with a stack trace.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return answer(e);
    }

    /** The domain's refusals, each kind with the status the API documents for it. */
    @ServerExceptionMapper
    public Response refused(Refusal refusal) {
        return answer(ApiException.of(refusal));
    }

    /** The answer to an ApiException, for mappers of other failures that stand for one. */
    public static Response answer(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).entity(e.body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()));
        }
        return response.build();
    }

    /** A body that is not JSON. (Named types: they win over the JSON extension's own mappers.) */
    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return unreadable(e);
    }

    /** JSON of the wrong shape, such as a list where a text belongs. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return unreadable(e);
    }

    /** Also a text with a NUL character ({@link NulCharacters}), keyed by its JSON path ({@code article.title}). */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? path(mapping.getPath())
                : "body";
        return json(422, ErrorBody.of(field, e instanceof NulCharacters.Refused ? NulCharacters.MESSAGE
                : "is not valid JSON for this request"));
    }

    /** {@code article.tagList[2]}: names joined with dots, list indexes in brackets. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() == null) {
                path.append('[').append(reference.getIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return json(401, ErrorBody.of("token", "is missing"));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return json(401, ErrorBody.of("token", "is invalid or expired"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, ErrorBody.of("resource", "forbidden"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, ErrorBody.of("resource", "not found"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return json(405, ErrorBody.of("method", "is not allowed here"));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return json(415, ErrorBody.of("body", "must be application/json"));
    }

    /**
     * Other JAX-RS answers keep their status, but for 400 (an unreadable body or parameter), which the RealWorld API
     * answers as 422; their text goes into the error shape.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            return json(422, ErrorBody.of("request", "is malformed: " + e.getMessage()));
        }
        if (status >= 500) {
            Log.error("Request failed", e);
            return json(status, ErrorBody.of("server", "unexpected error"));
        }
        return json(status, ErrorBody.of("request", e.getMessage() == null ? "is invalid" : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (DatabaseOutage.causes(e)) {
            Log.warnf("Database unavailable: %s", DatabaseOutage.describe(e));
            return Response.status(503).entity(ErrorBody.of("database", "is unavailable, try again shortly"))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS).build();
        }
        Log.error("Unexpected failure", e);
        return json(500, ErrorBody.of("server", "unexpected error"));
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
