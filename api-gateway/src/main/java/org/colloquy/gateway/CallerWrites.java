package org.colloquy.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.colloquy.events.WrittenPositions;

/**
 * Read-your-writes for callers who do not echo the {@value WrittenPositions#HEADER} header themselves: remembers, per
 * caller, where the caller's writes stand on Kafka (merged from the header of the caller's responses) for
 * {@code colloquy.gateway.written-window}, and sends it with that caller's next requests, merged with whatever the
 * client sent itself. A service answering from a replica then waits for exactly those writes; a caller who wrote
 * nothing lately sends nothing and never waits.
 *
 * <p>The caller is the {@code sub} of the bearer token (a renewed token of the same user still matches). The token is
 * only decoded, not verified, since it serves as a key: the services verify it, and a forged token gets its request
 * refused with positions nobody else sees. A request without a token that decodes to a subject gets no memory.
 * At most {@code colloquy.gateway.written-callers} callers are remembered; beyond that the one whose last write is
 * oldest is forgotten first.
 */
final class CallerWrites implements ProxyInterceptor {

    private static final String CALLER = "colloquy.caller";
    /** Longer is no token of ours; it is not decoded. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Remembered> callers;

    private record Remembered(WrittenPositions written, long until) {
    }

    CallerWrites(Duration window, int maxCallers, LongSupplier clock) {
        this.windowNanos = window.toNanos();
        this.clock = clock;
        // insertion order, re-inserted on each write: the eldest entry is the one written longest ago
        this.callers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > maxCallers;
            }
        };
    }

    @Override
    public Future<io.vertx.httpproxy.ProxyResponse> handleProxyRequest(ProxyContext context) {
        MultiMap headers = context.request().headers();
        String caller = caller(headers.get("Authorization"));
        WrittenPositions written = recall(caller)
                .merge(WrittenPositions.parse(headers.getAll(WrittenPositions.HEADER)));
        // the client's own header only as far as it is valid and bounded
        headers.remove(WrittenPositions.HEADER);
        if (!written.isEmpty()) {
            headers.set(WrittenPositions.HEADER, written.header());
        }
        if (caller != null) {
            context.set(CALLER, caller);
        }
        return context.sendRequest();
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        String caller = context.get(CALLER, String.class);
        if (caller != null && context.response() != null) {
            remember(caller, WrittenPositions.parse(context.response().headers().getAll(WrittenPositions.HEADER)));
        }
        return context.sendResponse();
    }

    void remember(String caller, WrittenPositions written) {
        if (written.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        synchronized (callers) {
            Remembered before = callers.remove(caller);
            WrittenPositions merged = before == null || before.until() - now <= 0 ? written
                    : before.written().merge(written);
            callers.put(caller, new Remembered(merged, now + windowNanos));
        }
    }

    WrittenPositions recall(String caller) {
        if (caller == null) {
            return WrittenPositions.NONE;
        }
        long now = clock.getAsLong();
        synchronized (callers) {
            Remembered remembered = callers.get(caller);
            if (remembered == null) {
                return WrittenPositions.NONE;
            }
            if (remembered.until() - now <= 0) {
                callers.remove(caller);
                return WrittenPositions.NONE;
            }
            return remembered.written();
        }
    }

    int size() {
        synchronized (callers) {
            return callers.size();
        }
    }

    /** The {@code sub} of {@code Token <jwt>} or {@code Bearer <jwt>}, decoded without verification; else null. */
    static String caller(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        int space = authorization.indexOf(' ');
        String token = space < 0 ? authorization : authorization.substring(space + 1).trim();
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            Object subject = new JsonObject(new String(payload, StandardCharsets.UTF_8)).getValue("sub");
            return subject instanceof String sub && !sub.isBlank() ? sub : null;
        } catch (RuntimeException notAJwt) {
            return null;
        }
    }
}
