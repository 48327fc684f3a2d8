package org.colloquy.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.MalformedEventException;
import org.junit.jupiter.api.Test;

/** The event's attributes as a handler gets them, read from a record's {@code ce_*} headers. */
class CloudEventHeadersTest {

    private static final String TYPE = "org.colloquy.test.Happened.v1";

    @Test
    void attributesAndPositionComeFromTheRecord() {
        ConsumerRecord<String, String> record = record(17, "ce_id", "event-1", "ce_type", TYPE,
                "ce_source", "urn:colloquy:article-service", "ce_subject", "slug", "ce_time", "2026-01-02T03:04:05Z");

        assertThat(CloudEventHeaders.metadata(record)).isEqualTo(new EventMetadata("event-1", TYPE,
                "urn:colloquy:article-service", "slug", OffsetDateTime.parse("2026-01-02T03:04:05Z"), "article.events",
                2, 17));
    }

    @Test
    void theLastValueOfARepeatedHeaderCountsAndOptionalOnesMayBeMissing() {
        EventMetadata metadata = CloudEventHeaders.metadata(record(1, "ce_id", "first", "ce_id", "second",
                "ce_type", TYPE));

        assertThat(metadata.id()).isEqualTo("second");
        assertThat(metadata.source()).isNull();
        assertThat(metadata.time()).isNull();
    }

    @Test
    void withoutIdOrTypeOrWithAnUnreadableTimeItIsNoEvent() {
        assertThatThrownBy(() -> CloudEventHeaders.metadata(record(1, "ce_id", "event-1")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CloudEventHeaders.metadata(record(2, "ce_type", TYPE)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CloudEventHeaders.metadata(record(3, "ce_id", "event-3", "ce_type", TYPE,
                "ce_time", "yesterday"))).isInstanceOf(MalformedEventException.class).hasMessageContaining("yesterday");
    }

    /** A record of partition 2 at the offset, with the headers given as name, value, name, value... */
    private static ConsumerRecord<String, String> record(long offset, String... headers) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("article.events", 2, offset, "key", "{}");
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
