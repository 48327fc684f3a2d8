package org.colloquy.gateway;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Says why a browser's cross-origin request is refused, and what to change. Quarkus's CORS filter answers an origin
 * it does not allow with an empty 403, and a newcomer whose frontend runs on another port sees an empty page. This
 * filter runs just before it, with the same settings ({@code quarkus.http.cors.origins}): for an origin that filter
 * would refuse, it answers the 403 itself, in the error shape, naming the setting, and logs it once per origin. What
 * it lets through, Quarkus's filter handles as before (so the two can only disagree towards Quarkus's empty 403).
 */
@ApplicationScoped
public class CorsRefusal {

    /** Just before Quarkus's CORS filter (priority 300: higher runs first). */
    static final int PRIORITY = 310;

    static final String HINT = "is not an allowed origin: add it to COLLOQUY_CORS_ORIGINS (quarkus.http.cors.origins) "
            + "of the api-gateway";

    private static final int MAX_LOGGED_ORIGINS = 100;

    private final boolean enabled;
    private final Optional<List<String>> origins;
    private final List<Pattern> patterns;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public CorsRefusal(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.enabled = enabled;
        this.origins = origins;
        this.patterns = CORSFilter.parseAllowedOriginsRegex(origins);
    }

    void install(@Observes Filters filters) {
        if (enabled) {
            filters.register(this::explain, PRIORITY);
        }
    }

    private void explain(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin == null || allowed(context.request(), origin)) {
            context.next();
            return;
        }
        if (logged.size() < MAX_LOGGED_ORIGINS && logged.add(origin)) {
            Log.infof("Refused requests from the browser origin %s: to allow it, add it to COLLOQUY_CORS_ORIGINS "
                    + "(quarkus.http.cors.origins), now %s", origin, origins.map(Object::toString).orElse("unset"));
        }
        context.response().setStatusCode(403).putHeader("content-type", "application/json").putHeader("vary", "Origin")
                .end(Gateway.errorJson("origin", origin + " " + HINT));
    }

    private boolean allowed(HttpServerRequest request, String origin) {
        if (origins.isEmpty()) {
            return sameOrigin(request, origin);
        }
        List<String> list = origins.get();
        if (list.size() == 1 && (list.get(0).equals("*") || list.get(0).equals("/.*/"))) {
            return true;
        }
        return list.contains(origin) || CORSFilter.isOriginAllowedByRegex(patterns, origin)
                || sameOrigin(request, origin);
    }

    /** The page was served by the gateway itself: same scheme, host and (effective) port. */
    static boolean sameOrigin(HttpServerRequest request, String origin) {
        if (request.authority() == null) {
            return false;
        }
        if (origin.equals(request.scheme() + "://" + request.authority())) {
            return true;
        }
        try {
            URI from = URI.create(origin);
            return request.scheme().equalsIgnoreCase(from.getScheme())
                    && request.authority().host().equalsIgnoreCase(from.getHost())
                    && port(request.scheme(), request.authority().port()) == port(from.getScheme(), from.getPort());
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return false;
        }
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
