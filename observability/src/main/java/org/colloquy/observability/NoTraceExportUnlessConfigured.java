package org.colloquy.observability;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * Keeps spans in the service (trace ids in logs, {@code traceparent} passed on) but sends them nowhere unless
 * {@code colloquy.tracing.exporter} is {@code otlp}. Quarkus would otherwise always export, by default to
 * {@code localhost:4317}, and log a connection error for every batch where no collector listens. While this bean is
 * available, Quarkus uses it instead of its OTLP exporter (which goes to {@code quarkus.otel.exporter.otlp.endpoint}).
 * The exporter is chosen at build time in Quarkus, hence a switch of our own that works at run time.
 */
@ApplicationScoped
@Unremovable
@LookupIfProperty(name = "colloquy.tracing.exporter", stringValue = "none", lookupIfMissing = true)
public class NoTraceExportUnlessConfigured implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
