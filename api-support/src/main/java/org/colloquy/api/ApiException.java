package org.colloquy.api;

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

/**
 * An answer other than success, in the RealWorld error shape. The factories name the cases the API documents; the
 * field names the resource or input the message is about.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final ErrorBody body;
    private final Duration retryAfter;

    protected ApiException(int status, ErrorBody body, Duration retryAfter) {
        super(status + " " + body.errors());
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String resource) {
        return new ApiException(404, ErrorBody.of(resource, "not found"), null);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, ErrorBody.of(field, message), null);
    }

    public static ApiException invalid(Map<String, List<String>> errors) {
        return new ApiException(422, new ErrorBody(errors), null);
    }

    public static ApiException unauthorized(String field, String message) {
        return new ApiException(401, ErrorBody.of(field, message), null);
    }

    /** 503: the answer depends on something not available yet; the client should try again after a while. */
    public static ApiException unavailable(String field, String message, Duration retryAfter) {
        return new ApiException(503, ErrorBody.of(field, message), retryAfter);
    }

    /** The answer the API documents for each of the domain's refusals: its status, its problems as the body. */
    public static ApiException of(Refusal refusal) {
        ErrorBody body = new ErrorBody(refusal.problems());
        if (refusal instanceof RateLimited limited) {
            return new ApiException(429, body, limited.retryAfter());
        }
        return new ApiException(statusOf(refusal), body, null);
    }

    private static int statusOf(Refusal refusal) {
        if (refusal instanceof NotFound) {
            return 404;
        }
        if (refusal instanceof NotAllowed) {
            return 403;
        }
        if (refusal instanceof Invalid) {
            return 422;
        }
        if (refusal instanceof Conflict) {
            return 409;
        }
        if (refusal instanceof NotAuthenticated) {
            return 401;
        }
        throw new IllegalStateException("No answer for " + refusal.getClass().getName());
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return body;
    }

    /** Set for 429 and 503 answers. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
