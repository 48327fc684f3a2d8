package org.colloquy.gateway;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.colloquy.gateway.Instances.Instance;
import org.jboss.logging.MDC;

/**
 * Routes {@code /api/**} to the owning service ({@link Routes}), to one of its ready instances in turn
 * ({@link Upstreams}), with Vert.x's reverse proxy, streaming bodies both ways (so live streams are not buffered),
 * and tries the next instance when one refuses the connection. It adds {@code X-Request-Id} (kept when the client
 * sent one) and {@code X-Forwarded-*} (the client's own claims dropped), refuses bodies over the cap with 413 (with
 * or without {@code Content-Length}), and answers 503 when no instance of a service can be reached and 504 when it
 * stays silent, in the RealWorld error shape. Each caller's recent writes go with its next requests
 * ({@link CallerWrites}).
 */
@ApplicationScoped
public class Gateway {

    public static final String REQUEST_ID = "X-Request-Id";

    private final GatewayConfig config;
    private final ClientAddress clientAddress;
    private final Map<String, HttpProxy> proxies = new HashMap<>();
    private final CallerWrites callerWrites;
    private final Upstreams upstreams;

    public Gateway(GatewayConfig config, Upstreams upstreams) {
        this.config = config;
        this.upstreams = upstreams;
        this.clientAddress = new ClientAddress(config.trustedProxies().orElse(List.of()));
        this.callerWrites = new CallerWrites(config.writtenWindow(), config.writtenCallers(), System::nanoTime);
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(100));
        for (String upstream : Routes.UPSTREAMS) {
            Instances instances = upstreams.of(upstream);
            HttpProxy proxy = HttpProxy.reverseProxy(client).originRequestProvider((request, http) ->
                    connect(http, instances, instances.order(), 0)
                    // a reset of the request to the service (a body over the cap) is answered, not an error to log
                    .map(toService -> toService.exceptionHandler(failure -> Log.debugf("%s %s to %s: %s",
                            request.method(), request.path(), upstream, failure.toString()))));
            proxy.addInterceptor(new Headers(upstream));
            // inside Headers, so that a body over the cap is answered 413 before Headers sees a failed request
            proxy.addInterceptor(new BodyCap(config.maxBodyBytes()));
            proxy.addInterceptor(callerWrites);
            proxies.put(upstream, proxy);
        }
        router.route("/api/*").order(-1).handler(this::route);
    }

    private void route(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
            requestId = UUID.randomUUID().toString();
            request.headers().set(REQUEST_ID, requestId);
        }
        context.response().putHeader(REQUEST_ID, requestId);
        MDC.put("requestId", requestId); // on the request's own Vert.x context: every line it logs carries it
        String length = request.getHeader("Content-Length");
        if (length != null && parseLong(length) > config.maxBodyBytes()) {
            error(context, 413, "body", tooLarge(config.maxBodyBytes()));
            return;
        }
        String upstream = Routes.upstreamFor(request.path()).orElse(null);
        if (upstream == null) {
            error(context, 404, "resource", "not found");
            return;
        }
        proxies.get(upstream).handle(request);
    }

    /**
     * A connection to the first instance of {@code order} that accepts one. A refused connection (or none within the
     * connect timeout) sent nothing, so the request goes to the next instance whatever its method.
     */
    private Future<HttpClientRequest> connect(HttpClient http, Instances instances, List<Instance> order, int next) {
        Instance instance = order.get(next);
        return http.request(new RequestOptions().setHost(instance.host()).setPort(instance.port())
                        .setIdleTimeout(config.idleTimeout().toMillis()))
                .recover(failure -> {
                    upstreams.refused(instances, instance, failure);
                    return next + 1 < order.size() ? connect(http, instances, order, next + 1)
                            : Future.failedFuture(failure);
                });
    }

    /** Passes on who asked and which request this is; turns an unreachable or silent service into 503 or 504. */
    private final class Headers implements ProxyInterceptor {
        private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "baggage");
        /** What a client may claim about itself: only the gateway says who asked (see {@link ClientAddress}). */
        private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For",
                "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix",
                "X-Forwarded-Server", "X-Forwarded-Ssl", "X-Real-IP");

        private final String upstream;

        Headers(String upstream) {
            this.upstream = upstream;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest original = context.request().proxiedRequest();
            FORWARDING_HEADERS.forEach(context.request().headers()::remove);
            if (original.remoteAddress() != null) {
                context.request().putHeader("X-Forwarded-For", clientAddress.resolve(
                        original.remoteAddress().hostAddress(), original.headers().getAll("X-Forwarded-For")));
            }
            context.request().putHeader("X-Forwarded-Proto", original.scheme());
            // The proxy copies the client's trace headers, and the HTTP client's tracing adds those of the gateway's
            // span (a child of the client's): without this the service would get two traceparent headers.
            TRACE_HEADERS.forEach(context.request().headers()::remove);
            if (original.authority() != null) {
                context.request().putHeader("X-Forwarded-Host", original.authority().toString());
            }
            return context.sendRequest().recover(failure -> {
                boolean timedOut = failure instanceof TimeoutException
                        || failure.getClass().getSimpleName().contains("Timeout");
                Log.warnf("%s %s: %s %s (request %s)", original.method(), original.path(), upstream,
                        timedOut ? "timed out" : "unreachable: " + failure.getMessage(),
                        original.getHeader(REQUEST_ID));
                return Future.succeededFuture(context.request().response()
                        .setStatusCode(timedOut ? 504 : 503)
                        .putHeader("content-type", "application/json")
                        .setBody(Body.body(Buffer.buffer(errorJson("upstream",
                                upstream + (timedOut ? " did not answer in time" : " is unavailable"))))));
            });
        }
    }

    static String tooLarge(long cap) {
        return "is larger than " + cap + " bytes";
    }

    private static void error(RoutingContext context, int status, String field, String message) {
        context.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(errorJson(field, message));
    }

    static String errorJson(String field, String message) {
        return new JsonObject().put("errors", new JsonObject().put(field, new JsonArray().add(message))).encode();
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
