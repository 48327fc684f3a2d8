package org.colloquy.messaging.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) between the outbox row, the Kafka record and the
 * inbox. Only the W3C format: that is what the HTTP side speaks, and what the outbox stores.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The current span's {@code traceparent} (and {@code tracestate}); empty when there is no valid span. */
    public static Map<String, String> ofCurrentSpan() {
        return of(Context.current());
    }

    public static Map<String, String> of(Context context) {
        Map<String, String> headers = new HashMap<>();
        W3C.inject(context, headers, Map::put);
        return headers;
    }

    /** The context a stored {@code traceparent} describes; the root context when it is missing or malformed. */
    public static Context parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), carrier, MAP);
    }

    /** The context the record's {@code traceparent} header describes (the last one wins); else the root context. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /** Replaces any trace headers of the record with those of the context, so that a record carries one of each. */
    public static void inject(Context context, Headers headers) {
        Map<String, String> values = of(context);
        if (values.isEmpty()) {
            return;
        }
        for (String name : List.of(TRACEPARENT, TRACESTATE)) {
            headers.remove(name);
        }
        values.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private TraceHeaders() {
    }
}
