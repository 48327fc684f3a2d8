package org.colloquy.comment.rest;

import java.util.function.Predicate;
import org.colloquy.api.ApiException;

/**
 * The 404s that may only mean the replica has not heard of a thing yet (an article published, or a user registered, a
 * moment ago): {@code CatchUp.retryOnMiss} then waits for the end of the topic and asks once more.
 */
final class ReplicaMiss {

    static final Predicate<Throwable> ARTICLE = notFound("article");
    static final Predicate<Throwable> PROFILE = notFound("profile");

    private static Predicate<Throwable> notFound(String resource) {
        return failure -> failure instanceof ApiException e && e.status() == 404
                && e.body().errors().containsKey(resource);
    }

    private ReplicaMiss() {
    }
}
