package org.colloquy.messaging.outbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rows one relay pass claimed, in {@code seq} order, and for each key with rows the claim did not take (still
 * pending, or another relay's) the first {@code seq} of those. They carry the per-key order: a claimed row is
 * published only if no earlier row of its key is left out, so the events of one aggregate reach Kafka in the order
 * they were committed; a row behind one is given back, for the pass that gets the earlier row first.
 */
record ClaimedRows(List<OutboxRow> rows, Map<String, Long> blockedFrom) {

    ClaimedRows {
        rows = rows.stream().sorted(Comparator.comparingLong(OutboxRow::seq)).toList();
        blockedFrom = Map.copyOf(blockedFrom);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows no earlier row of their key waits in front of, in {@code seq} order. */
    List<OutboxRow> publishable() {
        return rows.stream().filter(this::free).toList();
    }

    /** The rows behind an earlier row of their key that this claim did not take. */
    List<OutboxRow> heldBack() {
        return rows.stream().filter(row -> !free(row)).toList();
    }

    /**
     * Whether other rows of the claim's keys were pending: rows left behind an earlier one, or rows that may be
     * waiting behind the published ones.
     */
    boolean sharedKeys() {
        return !blockedFrom.isEmpty();
    }

    private boolean free(OutboxRow row) {
        return row.seq() < blockedFrom.getOrDefault(row.key(), Long.MAX_VALUE);
    }
}
