package org.colloquy.gateway;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The cap on a request body whose length is not announced (chunked; one with {@code Content-Length} over the cap is
 * refused before it is proxied): the body streams through a {@link CappedBody}, and when that fails at the cap the
 * client gets 413 in the error shape, like a body that announced its length. Over HTTP/1 with
 * {@code Connection: close}, because the rest of the upload is drained, not read as a next request (HTTP/2 forbids
 * the header and needs none).
 */
final class BodyCap implements ProxyInterceptor {

    private final long cap;

    BodyCap(long cap) {
        this.cap = cap;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        Body body = context.request().getBody();
        if (body == null || body.length() >= 0) {
            return context.sendRequest();
        }
        HttpServerRequest original = context.request().proxiedRequest();
        boolean http2 = original.version() == HttpVersion.HTTP_2;
        // HTTP/2 has a stream of its own to cut; HTTP/1 only the whole connection
        CappedBody capped = new CappedBody(body.stream(), cap, () -> {
            if (http2) {
                original.response().reset();
            } else {
                original.connection().close();
            }
        });
        context.request().setBody(Body.body(capped, -1));
        return context.sendRequest().recover(failure -> {
            if (!capped.exceeded()) {
                return Future.failedFuture(failure);
            }
            Log.infof("%s %s: body over %d bytes, refused (request %s)", original.method(), original.path(), cap,
                    original.getHeader(Gateway.REQUEST_ID));
            ProxyResponse response = context.request().response().setStatusCode(413)
                    .putHeader("content-type", "application/json")
                    .setBody(Body.body(Buffer.buffer(Gateway.errorJson("body", Gateway.tooLarge(cap)))));
            return Future.succeededFuture(http2 ? response : response.putHeader("connection", "close"));
        });
    }
}
