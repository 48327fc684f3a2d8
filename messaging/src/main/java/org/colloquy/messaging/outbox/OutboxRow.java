package org.colloquy.messaging.outbox;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One pending event as the relay reads it. */
record OutboxRow(UUID id, long seq, String topic, String key, String type, String subject, OffsetDateTime occurredAt,
        String payload, String traceparent, String tracestate) {

    static final String COLUMNS =
            "id, seq, topic, msg_key, type, subject, occurred_at, payload, traceparent, tracestate";

    static OutboxRow from(Row row) {
        return new OutboxRow(row.getUUID("id"), row.getLong("seq"), row.getString("topic"), row.getString("msg_key"),
                row.getString("type"), row.getString("subject"), row.getOffsetDateTime("occurred_at"),
                row.getString("payload"), row.getString("traceparent"), row.getString("tracestate"));
    }
}
