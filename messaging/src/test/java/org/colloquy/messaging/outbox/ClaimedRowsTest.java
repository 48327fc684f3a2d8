package org.colloquy.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-key order in a relay pass: which claimed rows may go to Kafka now, and which wait for an earlier row. */
class ClaimedRowsTest {

    @Test
    void withoutEarlierPendingRowsEveryClaimedRowIsPublishedInSeqOrder() {
        OutboxRow a1 = row(1, "a");
        OutboxRow b2 = row(2, "b");
        OutboxRow a3 = row(3, "a");

        ClaimedRows claimed = new ClaimedRows(List.of(a3, a1, b2), Map.of());

        assertThat(claimed.publishable()).containsExactly(a1, b2, a3);
        assertThat(claimed.heldBack()).isEmpty();
        assertThat(claimed.sharedKeys()).isFalse();
    }

    @Test
    void aRowBehindAnUnclaimedEarlierRowOfItsKeyIsHeldBackAndOtherKeysGoOn() {
        OutboxRow a3 = row(3, "a");
        OutboxRow b6 = row(6, "b");
        OutboxRow a7 = row(7, "a");
        OutboxRow a9 = row(9, "a");

        // another relay holds the row of key a at seq 5
        ClaimedRows claimed = new ClaimedRows(List.of(a9, b6, a7, a3), Map.of("a", 5L));

        assertThat(claimed.publishable()).containsExactly(a3, b6);
        assertThat(claimed.heldBack()).containsExactly(a7, a9);
        assertThat(claimed.sharedKeys()).isTrue();
    }

    @Test
    void rowsAheadOfALaterPendingRowArePublishedButTheKeyIsShared() {
        OutboxRow a3 = row(3, "a");

        // a row of key a at seq 8 was written after the claim: it waits behind this one
        ClaimedRows claimed = new ClaimedRows(List.of(a3), Map.of("a", 8L));

        assertThat(claimed.publishable()).containsExactly(a3);
        assertThat(claimed.heldBack()).isEmpty();
        assertThat(claimed.sharedKeys()).isTrue();
    }

    @Test
    void anEmptyClaim() {
        ClaimedRows claimed = new ClaimedRows(List.of(), Map.of());

        assertThat(claimed.isEmpty()).isTrue();
        assertThat(claimed.publishable()).isEmpty();
    }

    static OutboxRow row(long seq, String key) {
        return new OutboxRow(UUID.randomUUID(), seq, "article.events", key, "org.colloquy.test.Happened.v1", key,
                OffsetDateTime.now(), "{}", null, null);
    }
}
