package org.colloquy.messaging.inbox;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.MalformedEventException;

/**
 * Which records of a poll share a transaction, decided before anything is applied, so that the rules can be read and
 * tested apart from the transactions that carry them out ({@link BatchProcessing}). Consecutive readable records
 * form a run that commits together (one commit and one position update per partition instead of one per record); a
 * record that cannot be read ends the run before it and is dead-lettered in its place. A run is only worth its
 * transaction with two records or more, one of them with a handler: records without one only move the position.
 *
 * <p>The steps keep the poll's order, which within a partition is the order of every key's events; nothing is
 * regrouped by key and nothing is dropped here. A repeated event stays in its run: its processed-event row,
 * written in the same transaction as the first copy, makes the repeat a counted duplicate ({@link ProcessedEvents}).
 */
final class BatchPlan {

    /** One step of a batch; each runs once the step before it completed. */
    sealed interface Step permits Run, Alone, Unreadable {
    }

    /** Readable records applied in one transaction. */
    record Run(List<DecodedRecord> records) implements Step {
    }

    /** A readable record in its own transaction, with retries and dead-lettering. */
    record Alone(DecodedRecord record) implements Step {
    }

    /** A record that cannot be read: it goes straight to the dead-letter topic. */
    record Unreadable(ConsumerRecord<String, String> record, MalformedEventException failure) implements Step {
    }

    /** The steps for the records of one poll, in their order. */
    static List<Step> of(Iterable<ConsumerRecord<String, String>> records, EventHandlers handlers) {
        List<Step> steps = new ArrayList<>();
        List<DecodedRecord> run = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                run.add(DecodedRecord.decode(record, handlers));
            } catch (MalformedEventException e) {
                steps.addAll(readable(run));
                run.clear();
                steps.add(new Unreadable(record, e));
            }
        }
        steps.addAll(readable(run));
        return steps;
    }

    /**
     * What follows a run whose transaction rolled back. If a record's handler failed ({@code failedAt} is its index),
     * that record goes alone, with its retries, and the records before and after it go in runs again: the others need
     * not pay for it. If none did (the commit or a position update failed), every record goes alone.
     */
    static List<Step> afterFailure(List<DecodedRecord> run, int failedAt) {
        if (failedAt < 0) {
            return alone(run);
        }
        List<Step> steps = new ArrayList<>(readable(run.subList(0, failedAt)));
        steps.add(new Alone(run.get(failedAt)));
        steps.addAll(readable(run.subList(failedAt + 1, run.size())));
        return steps;
    }

    /** Consecutive readable records: one run if that is worth a transaction, else each alone. */
    private static List<Step> readable(List<DecodedRecord> records) {
        if (records.size() > 1 && records.stream().anyMatch(DecodedRecord::hasHandler)) {
            return List.of(new Run(List.copyOf(records)));
        }
        return alone(records);
    }

    private static List<Step> alone(List<DecodedRecord> records) {
        return records.stream().<Step> map(Alone::new).toList();
    }

    private BatchPlan() {
    }
}
