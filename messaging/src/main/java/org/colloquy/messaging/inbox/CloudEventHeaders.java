package org.colloquy.messaging.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.colloquy.events.MalformedEventException;

/**
 * The CloudEvents attributes of a record, which the producer puts in {@code ce_*} headers (binary mode). Read in one
 * place so that the inbox, which must reject a record without them, and the trace, which must name any record, agree
 * on where they are.
 */
final class CloudEventHeaders {

    static final String ID = "ce_id";
    static final String TYPE = "ce_type";

    /** The event's attributes and position; a record without an id and a type is no CloudEvent. */
    static EventMetadata metadata(ConsumerRecord<String, String> record) {
        String id = header(record, ID);
        String type = header(record, TYPE);
        if (id == null || type == null) {
            throw new MalformedEventException("Record without ce_id/ce_type headers: not a CloudEvent");
        }
        String time = header(record, "ce_time");
        OffsetDateTime parsedTime;
        try {
            parsedTime = time == null ? null : OffsetDateTime.parse(time);
        } catch (RuntimeException e) {
            throw new MalformedEventException("Malformed ce_time '" + time + "'", e);
        }
        return new EventMetadata(id, type, header(record, "ce_source"), header(record, "ce_subject"), parsedTime,
                record.topic(), record.partition(), record.offset());
    }

    /** The last value of the header as text; null when the record has none. */
    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private CloudEventHeaders() {
    }
}
