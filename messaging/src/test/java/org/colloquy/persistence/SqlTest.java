package org.colloquy.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void anInstantIsBoundAsAUtcOffsetDateTimeAndEverythingElseAsItIs() {
        Instant instant = Instant.parse("2026-12-07T20:15:30.123456Z");
        UUID id = UUID.randomUUID();

        Tuple tuple = Sql.tuple(instant, id, "text", 3, null);

        assertThat(tuple.size()).isEqualTo(5);
        assertThat(tuple.getValue(0)).isEqualTo(OffsetDateTime.of(2026, 12, 7, 20, 15, 30, 123456000, ZoneOffset.UTC));
        assertThat(tuple.getValue(1)).isEqualTo(id);
        assertThat(tuple.getValue(2)).isEqualTo("text");
        assertThat(tuple.getValue(3)).isEqualTo(3);
        assertThat(tuple.getValue(4)).isNull();
    }
}
