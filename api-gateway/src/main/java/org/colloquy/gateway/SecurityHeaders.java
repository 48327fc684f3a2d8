package org.colloquy.gateway;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Headers on every answer of the public port, whoever wrote it (a service through the proxy, or the gateway itself):
 * {@code X-Content-Type-Options: nosniff}, so that a browser never reads a JSON answer as a script or page, and
 * {@code Cache-Control: no-store} on the paths whose answers carry a token, so that no cache keeps one. They are set
 * as the headers go out, replacing what a service may have sent, so they appear once.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Registration, log-in and the current user: their answers contain the user's token. */
    static final Set<String> TOKEN_PATHS = Set.of("/api/users", "/api/users/login", "/api/user");

    /** Before every other filter, so that even the answers they end early get the headers. */
    static final int PRIORITY = 1000;

    void install(@Observes Filters filters) {
        filters.register(this::addOnTheWayOut, PRIORITY);
    }

    private void addOnTheWayOut(RoutingContext context) {
        boolean carriesToken = TOKEN_PATHS.contains(stripTrailingSlash(context.request().path()));
        context.addHeadersEndHandler(ignored -> {
            context.response().headers().set("X-Content-Type-Options", "nosniff");
            if (carriesToken) {
                context.response().headers().set("Cache-Control", "no-store");
            }
        });
        context.next();
    }

    private static String stripTrailingSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
