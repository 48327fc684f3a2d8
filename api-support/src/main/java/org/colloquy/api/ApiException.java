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

    public static ApiException forbidden(String resource) {
        return new ApiException(403, ErrorBody.of(resource, "forbidden"), null);
    }

    public static ApiException forbidden(String resource, String reason) {
        return new ApiException(403, ErrorBody.of(resource, reason), null);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, ErrorBody.of(field, message), null);
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

    public static ApiException tooLarge(String field, String message) {
        return new ApiException(413, ErrorBody.of(field, message), null);
    }

    public static ApiException tooManyRequests(String field, Duration retryAfter) {
        return new ApiException(429, ErrorBody.of(field, "too many attempts, try again in "
                + Math.max(1, retryAfter.toSeconds()) + " seconds"), retryAfter);
    }

    /** 429 with a message of its own, for limits that are not about attempts (such as open streams). */
    public static ApiException tooManyRequests(String field, String message, Duration retryAfter) {
        return new ApiException(429, ErrorBody.of(field, message), retryAfter);
    }

    /** 503: the answer depends on something not available yet; the client should try again after a while. */
    public static ApiException unavailable(String field, String message, Duration retryAfter) {
        return new ApiException(503, ErrorBody.of(field, message), retryAfter);
    }

    /** The answer the API documents for each of the domain's refusals. */
    public static ApiException of(Refusal refusal) {
        if (refusal instanceof NotFound notFound) {
            return notFound(notFound.subject());
        }
        if (refusal instanceof NotAllowed notAllowed) {
            return forbidden(notAllowed.subject(), notAllowed.reason());
        }
        if (refusal instanceof Invalid invalid) {
            return invalid(invalid.problems());
        }
        if (refusal instanceof Conflict conflict) {
            return conflict(conflict.field(), conflict.problem());
        }
        if (refusal instanceof NotAuthenticated notAuthenticated) {
            return unauthorized(notAuthenticated.field(), notAuthenticated.problem());
        }
        RateLimited limited = (RateLimited) refusal; // the last kind the sealed class permits
        return limited.limit() == null ? tooManyRequests(limited.subject(), limited.retryAfter())
                : tooManyRequests(limited.subject(), limited.limit(), limited.retryAfter());
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
