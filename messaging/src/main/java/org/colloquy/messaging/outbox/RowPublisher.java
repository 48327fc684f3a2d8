package org.colloquy.messaging.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.colloquy.messaging.telemetry.MessagingMetrics;
import org.colloquy.messaging.telemetry.TraceHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns one outbox row into a Kafka record, a CloudEvent in binary mode ({@code ce_*} headers) keyed by the
 * aggregate, and sends it under a producer span in the trace of the transaction that wrote the row. What the relay
 * does with Kafka's answer is not its business ({@link OutboxRelay}).
 */
final class RowPublisher {

    private final MutinyEmitter<String> kafka;
    private final Tracer tracer;
    private final MessagingMetrics metrics;
    private final URI source;

    RowPublisher(MutinyEmitter<String> kafka, Tracer tracer, MessagingMetrics metrics, URI source) {
        this.kafka = kafka;
        this.tracer = tracer;
        this.metrics = metrics;
        this.source = source;
    }

    /**
     * Starts the row's span now and sends the record on subscription; completes with Kafka's answer, never fails. The
     * span ends with the answer.
     */
    Uni<Sent.Outcome> send(OutboxRow row) {
        Span span = publishSpan(row);
        // the Kafka connector puts the acknowledged record's RecordMetadata (topic, partition, offset) in here
        OutgoingMessageMetadata<RecordMetadata> acknowledgement = new OutgoingMessageMetadata<>();
        return Uni.createFrom().deferred(() -> kafka.sendMessage(toMessage(row, span).addMetadata(acknowledgement)))
                .onItemOrFailure().transform((acknowledged, failure) -> {
                    if (failure == null) {
                        metrics.published(row.type());
                    } else {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                    }
                    span.end();
                    return new Sent.Outcome(failure == null ? acknowledgement.getResult() : null, failure);
                });
    }

    /**
     * A producer span in the trace of the transaction that wrote the row (a new trace if it had none). The
     * connector's own tracing is off for this channel (it would take whatever context is current on the relay's
     * thread as the parent), so this span is the record's parent.
     */
    private Span publishSpan(OutboxRow row) {
        return tracer.spanBuilder(row.topic() + " publish")
                .setParent(TraceHeaders.parse(row.traceparent(), row.tracestate()))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", row.topic())
                .setAttribute("messaging.message.id", row.id().toString())
                .setAttribute("messaging.kafka.message.key", row.key())
                .setAttribute("colloquy.event.type", row.type())
                .startSpan();
    }

    /** The record's trace headers: the publish span's, or the stored ones when tracing is disabled. */
    private static RecordHeaders traceHeaders(OutboxRow row, Span span) {
        RecordHeaders headers = new RecordHeaders();
        if (span.getSpanContext().isValid()) {
            TraceHeaders.inject(Context.root().with(span), headers);
        } else if (row.traceparent() != null) {
            TraceHeaders.inject(TraceHeaders.parse(row.traceparent(), row.tracestate()), headers);
        }
        return headers;
    }

    private Message<String> toMessage(OutboxRow row, Span span) {
        return Message.of(row.payload())
                .addMetadata(OutgoingCloudEventMetadata.<String> builder()
                        .withId(row.id().toString())
                        .withType(row.type())
                        .withSource(source)
                        .withSubject(row.subject())
                        .withTimestamp(row.occurredAt().toZonedDateTime())
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                        .withTopic(row.topic())
                        .withKey(row.key())
                        .withHeaders(traceHeaders(row, span))
                        .build());
    }
}
