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
 * Real HTTP servers standing in for the services: each answers with its name and what it received. Paths ending in
 * {@code /slow} never answer, {@code /stream} sends one event, waits, then a second. notification-service points at
 * a port where nothing listens.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String name : new String[] {Routes.USER_SERVICE, Routes.ARTICLE_SERVICE, Routes.COMMENT_SERVICE}) {
            config.put("colloquy.gateway.upstreams." + name, "http://localhost:" + serve(name));
        }
        config.put("colloquy.gateway.upstreams." + Routes.NOTIFICATION_SERVICE, "http://localhost:" + closedPort());
        config.put("colloquy.gateway.idle-timeout", "1s");
        config.put("colloquy.gateway.max-body-bytes", "1000");
        config.put("quarkus.http.cors.origins", "http://frontend.test");
        return config;
    }

    private int serve(String name) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
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
                request.response().end("{\"status\":\"UP\"}");
                return;
            }
            JsonObject echo = new JsonObject()
                    .put("service", name)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("traceparent", new io.vertx.core.json.JsonArray(request.headers().getAll("traceparent")))
                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                    .put("authorization", request.getHeader("Authorization"))
                    .put("body", body.toString());
            request.response().setStatusCode(request.path().endsWith("/created") ? 201 : 200)
                    .putHeader("content-type", "application/json").end(echo.encode());
        }));
        try {
            return server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
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
