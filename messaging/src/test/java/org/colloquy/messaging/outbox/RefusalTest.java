package org.colloquy.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which send failures park a row (the record's own fault) and which are retried (the broker's or the setup's). */
class RefusalTest {

    @Test
    void recordsKafkaCanNeverAcceptAreRefusalsAlsoWhenWrapped() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("too large");
        InvalidRecordException invalid = new InvalidRecordException("compacted topic needs a key");

        assertThat(ParkedEvents.refusal(tooLarge)).containsSame(tooLarge);
        // the connector's retry wraps the last failure when its time is up
        assertThat(ParkedEvents.refusal(new IllegalStateException("Retries exhausted", invalid))).containsSame(invalid);
        assertThat(ParkedEvents.refusal(new CompletionException(new SerializationException("bad")))).isPresent();
    }

    @Test
    void anUnavailableBrokerOrAMisconfiguredProducerIsNoRefusal() {
        assertThat(ParkedEvents.refusal(new TimeoutException("Expiring 1 record(s)"))).isEmpty();
        assertThat(ParkedEvents.refusal(new IllegalStateException("Retries exhausted",
                new TimeoutException("not present in metadata")))).isEmpty();
        assertThat(ParkedEvents.refusal(new NetworkException("disconnected"))).isEmpty();
        assertThat(ParkedEvents.refusal(new NotLeaderOrFollowerException("moving"))).isEmpty();
        assertThat(ParkedEvents.refusal(new TopicAuthorizationException("no ACL"))).isEmpty();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(ParkedEvents.refusal(first)).isEmpty();
    }
}
