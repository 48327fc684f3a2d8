package org.colloquy.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When requests stop waiting for Kafka, and when they wait again. */
class BrokerResponsivenessTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final BrokerResponsiveness broker = new BrokerResponsiveness(now::get);

    @Test
    void requestsWaitUntilOneWaitedInVain() {
        assertThat(broker.unresponsive()).isFalse();

        broker.missed();

        assertThat(broker.unresponsive()).isTrue();
    }

    @Test
    void anAcknowledgementEndsThePauseAtOnce() {
        broker.missed();

        broker.acknowledged();

        assertThat(broker.unresponsive()).isFalse();
    }

    @Test
    void withoutAcknowledgementThePauseEndsAfterItsTime() {
        broker.missed();

        now.addAndGet(BrokerResponsiveness.PAUSE.minus(Duration.ofMillis(1)).toNanos());
        assertThat(broker.unresponsive()).isTrue();

        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(broker.unresponsive()).isFalse();
    }

    @Test
    void aLaterMissStartsThePauseAgain() {
        broker.missed();
        now.addAndGet(BrokerResponsiveness.PAUSE.toNanos());

        broker.missed();

        assertThat(broker.unresponsive()).isTrue();
    }
}
