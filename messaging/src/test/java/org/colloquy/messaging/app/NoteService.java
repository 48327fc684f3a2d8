package org.colloquy.messaging.app;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;
import org.colloquy.persistence.Sql;

/** A use case in the shape every service has: state change and outbox row in one transaction. */
@ApplicationScoped
public class NoteService {

    public static class Refused extends RuntimeException {
        public final UUID id;

        Refused(UUID id) {
            super("refused after writing note " + id);
            this.id = id;
        }
    }

    private final Outbox outbox;
    private final Sql sql;

    public NoteService(Outbox outbox, Sql sql) {
        this.outbox = outbox;
        this.sql = sql;
    }

    /** Writes a note and announces it; with {@code failAtEnd} the transaction rolls back after both writes. */
    @InTransaction
    public Uni<UUID> create(String text, boolean failAtEnd) {
        UUID id = UUID.randomUUID();
        return sql.execute("insert into note (id, text) values ($1, $2)", id, text)
                .chain(() -> outbox.append(published(id.toString(), text)))
                .chain(() -> failAtEnd ? Uni.createFrom().failure(new Refused(id)) : Uni.createFrom().item(id));
    }

    /** Announces a change of the note; used as an ordered marker behind earlier events of the same key. */
    @InTransaction
    public Uni<UUID> touch(String id) {
        return outbox.append(new ArticleUpdated(id, "note-" + id, null, "touched", null, List.of(), null,
                Instant.now()));
    }

    public static ArticlePublished published(String id, String title) {
        return new ArticlePublished(id, "note-" + id, title, null, "author-1", "author", List.of("test"), "de",
                Instant.now());
    }
}
