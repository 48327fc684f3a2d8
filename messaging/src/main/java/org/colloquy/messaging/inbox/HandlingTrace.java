package org.colloquy.messaging.inbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.VertxMDC;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.messaging.telemetry.TraceHeaders;

/**
 * The handling of one record as a span in the trace its {@code traceparent} header continues (the writer's
 * request), current while the record is handled, with the event in the log MDC ({@code eventId}, {@code eventType},
 * {@code topic}; Quarkus adds {@code traceId} and {@code spanId}). Closing it logs one line per record.
 */
final class HandlingTrace {

    static final String EVENT_ID = "eventId";
    static final String EVENT_TYPE = "eventType";
    static final String TOPIC = "topic";

    private final ConsumerRecord<String, String> record;
    private final Span span;
    private final Scope scope;
    private final io.vertx.core.Context vertxContext;
    private final String eventId;
    private final String eventType;
    private volatile String outcome = "not handled";
    private volatile boolean quiet;

    private HandlingTrace(ConsumerRecord<String, String> record, Span span, Scope scope,
            io.vertx.core.Context vertxContext, String eventId, String eventType) {
        this.record = record;
        this.span = span;
        this.scope = scope;
        this.vertxContext = vertxContext;
        this.eventId = eventId;
        this.eventType = eventType;
    }

    static HandlingTrace start(Tracer tracer, String consumer, ConsumerRecord<String, String> record) {
        String eventId = CloudEventHeaders.header(record, CloudEventHeaders.ID);
        String eventType = CloudEventHeaders.header(record, CloudEventHeaders.TYPE);
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceHeaders.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.message.id", eventId == null ? "" : eventId)
                .setAttribute("colloquy.event.type", eventType == null ? "" : eventType)
                .startSpan();
        // Only a duplicated context (one per record) may carry the span and the MDC: they live in its locals, so
        // they follow the handling across threads and end with it. Elsewhere they would leak to other records.
        io.vertx.core.Context vertxContext = VertxContext.isOnDuplicatedContext() ? Vertx.currentContext() : null;
        Scope scope = vertxContext != null ? Context.current().with(span).makeCurrent() : Scope.noop();
        HandlingTrace trace = new HandlingTrace(record, span, scope, vertxContext, eventId, eventType);
        trace.putMdc();
        return trace;
    }

    void outcome(String outcome) {
        this.outcome = outcome;
    }

    /** An outcome not worth a line at INFO (a type this consumer ignores). */
    void quietOutcome(String outcome) {
        this.outcome = outcome;
        this.quiet = true;
    }

    void failed(Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getMessage());
    }

    /** Logs the outcome (while the event is still in the MDC) and ends the span. */
    void close() {
        logOutcome();
        end();
    }

    /** Ends the span and takes it and the event off the context, without a log line (see {@link #logOutcome}). */
    void end() {
        span.setAttribute("colloquy.inbox.outcome", outcome);
        span.end();
        scope.close();
        removeMdc();
    }

    /**
     * Logs the outcome of a trace that already ended (a batch logs its records' outcomes after its commit): the
     * record's span and event are put back on the context around the line, so its MDC names this record, not the
     * last one handled.
     */
    void logEnded() {
        try (Scope current = vertxContext != null ? Context.current().with(span).makeCurrent() : Scope.noop()) {
            putMdc();
            logOutcome();
        } finally {
            removeMdc();
        }
    }

    /** Logs the outcome with the ids an operator searches for, in the text too, since MDC may not reach it. */
    void logOutcome() {
        String traceId = span.getSpanContext().getTraceId();
        if (quiet) {
            Log.debugf("Event %s (%s) from %s-%d@%d: %s [trace %s]", eventId, eventType, record.topic(),
                    record.partition(), record.offset(), outcome, traceId);
        } else {
            Log.infof("Event %s (%s) from %s-%d@%d: %s [trace %s]", eventId, eventType, record.topic(),
                    record.partition(), record.offset(), outcome, traceId);
        }
    }

    private void putMdc() {
        mdc(EVENT_ID, eventId);
        mdc(EVENT_TYPE, eventType);
        mdc(TOPIC, record.topic());
    }

    private void removeMdc() {
        if (vertxContext != null) {
            List.of(EVENT_ID, EVENT_TYPE, TOPIC).forEach(key -> VertxMDC.INSTANCE.remove(key, vertxContext));
        }
    }

    private void mdc(String key, String value) {
        if (value != null && vertxContext != null) {
            VertxMDC.INSTANCE.put(key, value, vertxContext);
        }
    }
}
