package org.colloquy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.colloquy.events.WrittenPositions.Partition;
import org.junit.jupiter.api.Test;

class WrittenPositionsTest {

    @Test
    void aWrittenRecordStandsAtTheOffsetAfterIt() {
        assertThat(WrittenPositions.written("user.events", 0, 1233).header()).isEqualTo("user.events:0:1234");
    }

    @Test
    void theHeaderRoundTripsOrderedByTopicAndPartition() {
        WrittenPositions parsed = WrittenPositions.parse("user.events:2:9, article.events:1:55,user.events:0:1234");
        assertThat(parsed.header()).isEqualTo("article.events:1:55,user.events:0:1234,user.events:2:9");
        assertThat(WrittenPositions.parse(parsed.header())).isEqualTo(parsed);
    }

    @Test
    void mergingKeepsTheHighestOffsetPerPartition() {
        WrittenPositions merged = WrittenPositions.parse("user.events:0:10,article.events:0:5")
                .merge(WrittenPositions.parse("user.events:0:7,user.events:1:3"));
        assertThat(merged.header()).isEqualTo("article.events:0:5,user.events:0:10,user.events:1:3");
        assertThat(WrittenPositions.parse("user.events:0:7,user.events:0:12").header()).isEqualTo("user.events:0:12");
        assertThat(WrittenPositions.parse(List.of("user.events:0:7", "user.events:0:9,article.events:0:1")).header())
                .isEqualTo("article.events:0:1,user.events:0:9");
    }

    @Test
    void mergingNeverGrowsPastTheEntryLimit() {
        WrittenPositions many = WrittenPositions.NONE;
        for (int partition = 0; partition < WrittenPositions.MAX_ENTRIES + 20; partition++) {
            many = many.merge(WrittenPositions.written("t", partition, 1));
        }
        assertThat(many.positions()).hasSize(WrittenPositions.MAX_ENTRIES);
        assertThat(WrittenPositions.parse(many.header())).isEqualTo(many);
    }

    @Test
    void onlyTheAskedTopicsAreWaitedOn() {
        assertThat(WrittenPositions.parse("user.events:0:10,article.events:0:5").on(Set.of("user.events")))
                .isEqualTo(Map.of(new Partition("user.events", 0), 10L));
    }

    @Test
    void malformedEntriesAreSkipped() {
        assertThat(WrittenPositions.parse("garbage,user.events:0:-5,user.events:-1:5,user events:0:5,"
                + "user.events:x:5,user.events:0:5x,:0:5,user.events:0:0,user.events:0:99999999999999999999,"
                + "user.events:0,user.events:1:42,,").header()).isEqualTo("user.events:1:42");
    }

    @Test
    void garbageAndOversizedHeadersAreIgnoredAsAWhole() {
        assertThat(WrittenPositions.parse((String) null).isEmpty()).isTrue();
        assertThat(WrittenPositions.parse("").isEmpty()).isTrue();
        assertThat(WrittenPositions.parse("\u0000\uffff;;; DROP TABLE").isEmpty()).isTrue();
        assertThat(WrittenPositions.parse("user.events:0:1,".repeat(700)).isEmpty()).as("10 KB").isTrue();
        StringBuilder tooMany = new StringBuilder();
        for (int partition = 0; partition <= WrittenPositions.MAX_ENTRIES; partition++) {
            tooMany.append("t:").append(partition).append(":1,");
        }
        assertThat(tooMany.length()).isLessThan(WrittenPositions.MAX_LENGTH);
        assertThat(WrittenPositions.parse(tooMany.toString()).isEmpty()).isTrue();
    }
}
