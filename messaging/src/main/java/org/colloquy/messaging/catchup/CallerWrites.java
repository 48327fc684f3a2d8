package org.colloquy.messaging.catchup;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.colloquy.events.WrittenPositions;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The caller's own writes, as the request's {@value WrittenPositions#HEADER} header names them (the gateway adds what
 * it remembers of the caller; a client may echo what it got). Kept on the request's Vert.x context, where
 * {@link CatchUp#awaitWritten} finds them; parsed only when a call site waits.
 */
public class CallerWrites {

    private static final String KEY = "colloquy.catch-up.written";

    @ServerRequestFilter
    public void remember(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get(WrittenPositions.HEADER);
        if (values != null && !values.isEmpty() && VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, values);
        }
    }

    /** What the current request says its caller wrote; {@link WrittenPositions#NONE} outside a request. */
    static WrittenPositions current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return WrittenPositions.NONE;
        }
        Object remembered = ContextLocals.get(KEY, null);
        if (remembered instanceof WrittenPositions parsed) {
            return parsed;
        }
        if (remembered == null) {
            return WrittenPositions.NONE;
        }
        @SuppressWarnings("unchecked")
        WrittenPositions parsed = WrittenPositions.parse((List<String>) remembered);
        ContextLocals.put(KEY, parsed);
        return parsed;
    }
}
