package org.colloquy.comment.rest;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Predicate;
import org.colloquy.api.ApiException;
import org.colloquy.api.ErrorMappers;
import org.colloquy.domain.NotFound;
import org.colloquy.messaging.catchup.NotCaughtUp;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The 404s that may only mean the replica has not heard of a thing yet (an article published, or a user registered, a
 * moment ago): {@code CatchUp.retryOnMiss} then waits for the end of the topic and asks once more. If this service
 * could not confirm it caught up (Kafka unreachable, or far behind), a second miss is not a 404 but a 503 with
 * Retry-After: the article or user may well exist.
 */
public class ReplicaMiss {

    static final Predicate<Throwable> ARTICLE = notFound("article");
    static final Predicate<Throwable> PROFILE = notFound("profile");
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static Predicate<Throwable> notFound(String subject) {
        return failure -> failure instanceof NotFound notFound && notFound.subject().equals(subject);
    }

    /** In the RealWorld error shape, keyed like the 404 it replaces. */
    @ServerExceptionMapper
    public Response notCaughtUp(NotCaughtUp failure) {
        String field = failure.getCause() instanceof NotFound miss ? miss.subject() : "resource";
        return ErrorMappers.answer(ApiException.unavailable(field,
                "is not known here yet (events are delayed), try again shortly", RETRY_AFTER));
    }
}
