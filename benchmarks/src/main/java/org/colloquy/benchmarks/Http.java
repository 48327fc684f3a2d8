package org.colloquy.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP for the benchmark: a non-blocking Vert.x client for the load (a bounded connection pool, requests beyond it
 * wait in its queue, and that wait is part of the measured latency) and blocking calls for the set-up.
 */
final class Http implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final java.net.http.HttpClient setup = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    Http(int connections) {
        this(connections, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    }

    /** {@code eventLoops} threads run the client: the closed model uses two, as {@code wrk -t2} does. */
    Http(int connections, int eventLoops) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    Vertx vertx() {
        return vertx;
    }

    HttpClient client() {
        return client;
    }

    /** Sends a request and completes with true on the expected status; the body is read and dropped. */
    Future<Boolean> expect(HttpMethod method, String url, String token, String body, int status) {
        return send(method, url, token, body).map(response -> response.status() == status);
    }

    record Response(int status, Buffer body) {
        JsonNode json() {
            try {
                return JSON.readTree(body.getBytes());
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }

    Future<Response> send(HttpMethod method, String url, String token, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url).setTimeout(TIMEOUT_MS);
        if (token != null) {
            options.putHeader("Authorization", "Token " + token);
        }
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return client.request(options).compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(buffer -> new Response(response.statusCode(), buffer)));
    }

    /** Blocking, for the set-up: fails unless the status is 2xx. */
    JsonNode call(String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Token " + token);
            }
            HttpResponse<String> response = setup.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
