package org.colloquy.messaging.inbox;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Starts the {@link HandlingTrace} of each record of one consumer, and closes it when a handling ends. */
final class HandlingTraces {

    private final Tracer tracer;
    private final String consumer;

    HandlingTraces(Tracer tracer, String consumer) {
        this.tracer = tracer;
        this.consumer = consumer;
    }

    /** A trace the caller ends itself (a batch ends each record's span with its handler, logs after the commit). */
    HandlingTrace start(ConsumerRecord<String, String> record) {
        return HandlingTrace.start(tracer, consumer, record);
    }

    /** The handling of one record in its own span, closed when the handling ends. */
    Uni<Void> around(ConsumerRecord<String, String> record, Function<HandlingTrace, Uni<Void>> handling) {
        HandlingTrace trace = start(record);
        Uni<Void> handled;
        try {
            handled = handling.apply(trace);
        } catch (RuntimeException e) { // a bug here must not leave the span and the MDC open
            trace.failed(e);
            trace.close();
            throw e;
        }
        return handled.onTermination().invoke(trace::close);
    }
}
