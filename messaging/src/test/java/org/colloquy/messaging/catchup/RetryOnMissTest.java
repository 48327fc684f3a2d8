package org.colloquy.messaging.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The second look-up after a miss: "not found" only when this service knows it has caught up. */
class RetryOnMissTest {

    private static final Predicate<Throwable> MISS = NoSuchElementException.class::isInstance;
    private static final List<String> TOPICS = List.of("article.events");

    private final AtomicInteger lookups = new AtomicInteger();

    @Test
    void caughtUpAMissIsTheAnswer() {
        assertThatThrownBy(() -> CatchUp.secondLookup(true, MISS, this::missing, "comment-service", TOPICS)
                .await().indefinitely()).isInstanceOf(NoSuchElementException.class);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void notConfirmedAMissIsNotCaughtUp() {
        assertThatThrownBy(() -> CatchUp.secondLookup(false, MISS, this::missing, "comment-service", TOPICS)
                .await().indefinitely()).isInstanceOf(NotCaughtUp.class)
                .hasCauseInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("comment-service").hasMessageContaining("article.events");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void notConfirmedAHitIsStillAnswered() {
        assertThat(CatchUp.secondLookup(false, MISS, () -> Uni.createFrom().item("found"), "comment-service",
                TOPICS).await().indefinitely()).isEqualTo("found");
    }

    @Test
    void otherFailuresPassUnchanged() {
        assertThatThrownBy(() -> CatchUp.secondLookup(false, MISS,
                () -> Uni.createFrom().failure(new IllegalStateException("database")), "comment-service", TOPICS)
                .await().indefinitely()).isInstanceOf(IllegalStateException.class);
    }

    private Uni<String> missing() {
        lookups.incrementAndGet();
        return Uni.createFrom().failure(new NoSuchElementException("no such article"));
    }
}
