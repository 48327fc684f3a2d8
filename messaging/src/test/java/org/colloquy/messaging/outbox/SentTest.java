package org.colloquy.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.colloquy.events.WrittenPositions;
import org.junit.jupiter.api.Test;

/** How Kafka's answers for one pass sort the rows: deleted, parked, or given back to the sweep. */
class SentTest {

    private final OutboxRow first = ClaimedRowsTest.row(1, "a");
    private final OutboxRow second = ClaimedRowsTest.row(2, "b");
    private final OutboxRow third = ClaimedRowsTest.row(3, "c");
    private final OutboxRow fourth = ClaimedRowsTest.row(4, "d");
    private final OutboxRow fifth = ClaimedRowsTest.row(5, "e");

    @Test
    void eachRowIsAcknowledgedRefusedOrFailed() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("too large");
        TimeoutException firstTimeout = new TimeoutException("expired");
        TimeoutException secondTimeout = new TimeoutException("expired too");

        Sent sent = Sent.of(List.of(first, second, third, fourth, fifth), List.of(
                acknowledged("article.events", 1, 41),
                new Sent.Outcome(null, null), // acknowledged, but the connector said nothing about where
                failed(new IllegalStateException("Retries exhausted", tooLarge)),
                failed(firstTimeout),
                failed(secondTimeout)));

        assertThat(sent.acknowledged()).containsExactly(first, second);
        assertThat(sent.refused()).containsExactly(entry(third, tooLarge));
        assertThat(sent.failed()).containsExactly(fourth, fifth);
        assertThat(sent.failure()).isSameAs(firstTimeout);
        assertThat(sent.written()).isEqualTo(WrittenPositions.written("article.events", 1, 41));
    }

    @Test
    void everyAcknowledgedPositionIsWrittenAndOneWithoutOffsetIsNot() {
        Sent sent = Sent.of(List.of(first, second, third), List.of(acknowledged("article.events", 0, 7),
                acknowledged("user.events", 2, 3), acknowledged("article.events", 1, -1)));

        assertThat(sent.failure()).isNull();
        assertThat(sent.written()).isEqualTo(WrittenPositions.written("article.events", 0, 7)
                .merge(WrittenPositions.written("user.events", 2, 3)));
    }

    private static Sent.Outcome acknowledged(String topic, int partition, long offset) {
        return new Sent.Outcome(new RecordMetadata(new TopicPartition(topic, partition), offset, 0, 0L, 3, 2), null);
    }

    private static Sent.Outcome failed(Throwable failure) {
        return new Sent.Outcome(null, failure);
    }
}
