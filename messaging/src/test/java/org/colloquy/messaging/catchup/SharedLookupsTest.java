package org.colloquy.messaging.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Concurrent callers share end-offset lookups, and never get an answer older than their question. */
class SharedLookupsTest {

    private static final String TOPIC = "article.events";

    /** The lookups started, in order, each answered by the test. */
    private final List<CompletableFuture<String>> started = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final SharedLookups<String, String> lookups = new SharedLookups<>(key -> {
        CompletableFuture<String> lookup = new CompletableFuture<>();
        started.add(lookup);
        keys.add(key);
        return Uni.createFrom().completionStage(lookup);
    });

    @Test
    void aCallerWithNobodyAheadStartsItsOwnLookupAtOnce() {
        CompletableFuture<String> first = lookups.next(TOPIC);
        started.get(0).complete("end 7");
        CompletableFuture<String> later = lookups.next(TOPIC);

        assertThat(first).isCompletedWithValue("end 7");
        assertThat(later).as("a new lookup, not the answer of the one before").isNotDone();
        assertThat(lookups.started()).isEqualTo(2);
    }

    @Test
    void callersArrivingWhileALookupRunsShareTheNextOneWhichStartsWhenItEnds() {
        CompletableFuture<String> first = lookups.next(TOPIC);
        List<CompletableFuture<String>> arrivedMeanwhile = List.of(lookups.next(TOPIC), lookups.next(TOPIC));

        assertThat(started).as("lookups started while the first runs").hasSize(1);
        assertThat(arrivedMeanwhile.get(1)).isSameAs(arrivedMeanwhile.get(0));

        started.get(0).complete("end 7");
        assertThat(first).isCompletedWithValue("end 7");
        assertThat(arrivedMeanwhile.get(0)).as("the first lookup started before they arrived").isNotDone();
        assertThat(started).hasSize(2);

        started.get(1).complete("end 9");
        assertThat(arrivedMeanwhile).allSatisfy(answer -> assertThat(answer).isCompletedWithValue("end 9"));
        assertThat(lookups.started()).isEqualTo(2);
    }

    @Test
    void aFailedLookupFailsOnlyItsOwnCallersAndTheQueuedOneStillRuns() {
        CompletableFuture<String> failing = lookups.next(TOPIC);
        CompletableFuture<String> queued = lookups.next(TOPIC);

        started.get(0).completeExceptionally(new IllegalStateException("broker unreachable"));
        started.get(1).complete("end 9");

        assertThat(failing).isCompletedExceptionally();
        assertThat(queued).isCompletedWithValue("end 9");
    }

    @Test
    void differentKeysDoNotWaitForEachOther() {
        lookups.next(TOPIC);
        lookups.next("user.events");

        assertThat(keys).containsExactly(TOPIC, "user.events");
    }
}
