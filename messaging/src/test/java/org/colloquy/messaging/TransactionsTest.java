package org.colloquy.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.UUID;
import org.colloquy.messaging.app.NoteService;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.Sql;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.PostgresResource;
import org.junit.jupiter.api.Test;

/** Sql's transactions against the real database: nested ones join, a failure rolls back all, none outside one. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class TransactionsTest {

    private static final String INSERT = "insert into note (id, text) values ($1, $2)";

    @Inject
    Sql sql;

    @Inject
    Outbox outbox;

    @Test
    void aNestedTransactionJoinsTheOuterOneAndBothCommitTogether() throws Throwable {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();

        VertxContextSupport.subscribeAndAwait(() -> sql.inTransaction(() -> sql.execute(INSERT, outer, "outer")
                .chain(() -> sql.inTransaction(() -> sql.execute(INSERT, inner, "inner")))));

        assertThat(notes(outer, inner)).isEqualTo(2);
    }

    @Test
    void aFailureAfterANestedTransactionRollsBackEverything() {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> sql.inTransaction(
                () -> sql.execute(INSERT, outer, "outer")
                        .chain(() -> sql.inTransaction(() -> sql.execute(INSERT, inner, "inner")))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("refused at the end"))))))
                .hasMessageContaining("refused at the end");

        assertThat(notes(outer, inner)).isZero();
    }

    @Test
    void theOutboxRefusesAnEventOutsideATransaction() {
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                () -> outbox.append(NoteService.published(id, "outside"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction");

        assertThat(sql.first("select count(*) from outbox_event where msg_key = $1", row -> row.getLong(0), id)
                .await().indefinitely()).isZero();
    }

    private long notes(UUID... ids) {
        return sql.first("select count(*) from note where id = any($1)", row -> row.getLong(0), (Object) ids)
                .await().indefinitely();
    }
}
