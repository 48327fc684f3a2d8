package org.colloquy.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The position a transaction saves for each partition its records came from. */
class SavedPositionsTest {

    @Test
    void eachPartitionGoesOnAfterItsHighestOffset() {
        List<ConsumerRecord<String, String>> records = List.of(record("article.events", 0, 7),
                record("article.events", 1, 3), record("article.events", 0, 5), record("user.events", 0, 11));

        assertThat(SavedPositions.nextOffsets(records)).containsExactly(
                entry(new TopicPartition("article.events", 0), 8L),
                entry(new TopicPartition("article.events", 1), 4L),
                entry(new TopicPartition("user.events", 0), 12L));
    }

    @Test
    void noRecordsNoPositions() {
        assertThat(SavedPositions.nextOffsets(List.of())).isEmpty();
    }

    private static ConsumerRecord<String, String> record(String topic, int partition, long offset) {
        return new ConsumerRecord<>(topic, partition, offset, "key", "{}");
    }
}
