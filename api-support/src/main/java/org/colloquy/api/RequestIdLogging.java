package org.colloquy.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Puts the gateway's {@code X-Request-Id} into the log MDC as {@code requestId} for the whole request, so that
 * every line a request logs (text: {@code request=...}; JSON: {@code mdc.requestId}) can be matched with the
 * gateway's. The MDC lives in the request's Vert.x context, so it follows the request across threads and ends with it.
 */
public class RequestIdLogging {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    @ServerRequestFilter(preMatching = true)
    public void putRequestIdInMdc(ContainerRequestContext request) {
        String requestId = request.getHeaderString(HEADER);
        if (requestId != null && !requestId.isBlank() && requestId.length() <= 200) {
            MDC.put(MDC_KEY, requestId);
        }
    }
}
