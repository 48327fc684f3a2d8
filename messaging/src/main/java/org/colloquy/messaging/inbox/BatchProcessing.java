package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.colloquy.messaging.telemetry.MessagingMetrics;

/**
 * Carries out a {@link BatchPlan}, step after step: a run in one transaction, every other step on its own
 * ({@link RecordHandling}). A run whose transaction fails is not retried as a whole: the plan says what follows it
 * ({@link BatchPlan#afterFailure}), so that one failing record costs the others one rollback, not their batching.
 */
final class BatchProcessing {

    private final HandlingTraces traces;
    private final TransactionFrame frame;
    private final ProcessedEvents processed;
    private final RecordHandling single;
    private final MessagingMetrics metrics;

    BatchProcessing(HandlingTraces traces, TransactionFrame frame, ProcessedEvents processed, RecordHandling single,
            MessagingMetrics metrics) {
        this.traces = traces;
        this.frame = frame;
        this.processed = processed;
        this.single = single;
        this.metrics = metrics;
    }

    /** Completes when every step is done; never fails. */
    Uni<Void> apply(List<BatchPlan.Step> steps) {
        Uni<Void> processing = Uni.createFrom().voidItem();
        for (BatchPlan.Step step : steps) {
            processing = processing.chain(() -> apply(step));
        }
        return processing;
    }

    private Uni<Void> apply(BatchPlan.Step step) {
        if (step instanceof BatchPlan.Run run) {
            return applyRun(run.records());
        }
        if (step instanceof BatchPlan.Alone alone) {
            return single.alone(alone.record());
        }
        BatchPlan.Unreadable unreadable = (BatchPlan.Unreadable) step;
        return single.unreadable(unreadable.record(), unreadable.failure());
    }

    private Uni<Void> applyRun(List<DecodedRecord> run) {
        int[] failedAt = {-1};
        return together(run, failedAt).onFailure().recoverWithUni(failure -> {
            int failed = failedAt[0];
            Log.warnf("A batch of %d records of %s failed (%s): %s", run.size(), run.get(0).record().topic(),
                    failure.getMessage(), failed < 0 ? "processing them one by one"
                            : "the records before and after offset " + run.get(failed).record().offset()
                                    + " go in batches again, that record alone");
            return apply(BatchPlan.afterFailure(run, failed));
        });
    }

    /**
     * Every record of the run in one transaction, each with its processed-event row, then the partitions' positions;
     * spans end with their record's handler, the outcome lines and metrics wait for the commit. On failure,
     * {@code failedAt[0]} is the index of the record whose handling failed, or -1 if none did.
     */
    private Uni<Void> together(List<DecodedRecord> run, int[] failedAt) {
        List<HandlingTrace> ended = new ArrayList<>();
        List<Runnable> counts = new ArrayList<>();
        return frame.run(run.stream().map(DecodedRecord::record).toList(), () -> {
            Uni<Void> steps = Uni.createFrom().voidItem();
            for (int i = 0; i < run.size(); i++) {
                DecodedRecord decoded = run.get(i);
                int index = i;
                if (decoded.hasHandler()) {
                    steps = steps.chain(() -> {
                        HandlingTrace trace = traces.start(decoded.record());
                        ended.add(trace);
                        return processed.apply(decoded, trace)
                                .invoke(outcome -> counts.add(() -> metrics.inboxProcessed(decoded.metadata().type(),
                                        outcome)))
                                .onTermination().invoke((ignored, failure, cancelled) -> {
                                    if (failure != null) {
                                        failedAt[0] = index;
                                        trace.failed(failure);
                                    }
                                    trace.end();
                                })
                                .replaceWithVoid();
                    });
                }
            }
            return steps;
        }).invoke(() -> {
            counts.forEach(Runnable::run);
            ended.forEach(HandlingTrace::logEnded);
        });
    }
}
