package org.colloquy.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers standing in for the services' instances: each answers with its service's name, its port and what
 * it received. Paths ending in
 * {@code /slow} never answer, {@code /stream} sends one event, waits, then a second. notification-service points at
 * a port where nothing listens. The gateway in front of them trusts 127.0.0.1 as a proxy (where the tests connect
 * from); a test that connects from 127.0.0.2 is an untrusted client. Every body a service received in full is
 * recorded by path; {@code GET .../received} answers the record (path → length). A request with a {@code written}
 * parameter is answered with that as its {@code Colloquy-Written} header, as a write would be.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private final JsonObject received = new JsonObject(new java.util.concurrent.ConcurrentHashMap<>());

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        // user-service: two instances; article-service: one refusing connections, then one that answers;
        // comment-service: one ready, one that answers but reports itself not ready
        config.put("colloquy.gateway.upstreams." + Routes.USER_SERVICE, "http://localhost:"
                + serve(Routes.USER_SERVICE, true) + ",http://localhost:" + serve(Routes.USER_SERVICE, true));
        config.put("colloquy.gateway.upstreams." + Routes.ARTICLE_SERVICE, "http://localhost:" + closedPort()
                + ", http://localhost:" + serve(Routes.ARTICLE_SERVICE, true));
        config.put("colloquy.gateway.upstreams." + Routes.COMMENT_SERVICE, "http://localhost:"
                + serve(Routes.COMMENT_SERVICE, true) + ",http://localhost:" + serve(Routes.COMMENT_SERVICE, false));
        config.put("colloquy.gateway.health-interval", "200ms");
        config.put("colloquy.gateway.upstreams." + Routes.NOTIFICATION_SERVICE, "http://localhost:" + closedPort());
        // short, so the 504 test is quick; not shorter, or a loaded build machine turns slow answers into 504s
        config.put("colloquy.gateway.idle-timeout", "3s");
        config.put("quarkus.http.cors.origins", "http://frontend.test");
        // The test client connects from 127.0.0.1: as if it were a load balancer in front of the gateway.
        config.put("colloquy.gateway.trusted-proxies", "127.0.0.1");
        return config;
    }

    private int serve(String name, boolean ready) {
        int[] port = new int[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().endsWith("/received")) {
                request.response().putHeader("content-type", "application/json").end(received.encode());
                return;
            }
            received.put(request.path(), body.length());
            if (request.path().endsWith("/slow")) {
                return;
            }
            if (request.path().endsWith("/stream")) {
                request.response().setChunked(true).putHeader("content-type", "text/event-stream");
                request.response().write("data: first\n\n");
                vertx.setTimer(3000, t -> request.response().end("data: second\n\n"));
                return;
            }
            if (request.path().equals("/q/health/ready")) {
                request.response().setStatusCode(ready ? 200 : 503).end("{\"status\":\"" + (ready ? "UP" : "DOWN")
                        + "\"}");
                return;
            }
            JsonObject echo = new JsonObject()
                    .put("service", name)
                    .put("instance", port[0])
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("traceparent", new io.vertx.core.json.JsonArray(request.headers().getAll("traceparent")))
                    .put("forwardedFor", new io.vertx.core.json.JsonArray(request.headers().getAll("X-Forwarded-For")))
                    .put("forwarded", request.getHeader("Forwarded"))
                    .put("bodyBytes", body.length())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("written", request.getHeader("Colloquy-Written"))
                    .put("body", body.length() <= 10_000 ? body.toString() : "(" + body.length() + " bytes)");
            if (request.getParam("written") != null) { // a write: where its events are, as a service says it
                request.response().putHeader("Colloquy-Written", request.getParam("written"));
            }
            // A service's own caching and sniffing headers: the gateway's rules must win over them.
            request.response().setStatusCode(request.path().endsWith("/created") ? 201 : 200)
                    .putHeader("content-type", "application/json").putHeader("Cache-Control", "private, max-age=60")
                    .putHeader("X-Content-Type-Options", "nosniff").end(echo.encode());
        }));
        try {
            port[0] = server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            return port[0];
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the fake " + name, e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
