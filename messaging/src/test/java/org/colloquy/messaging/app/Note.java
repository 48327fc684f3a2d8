package org.colloquy.messaging.app;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** The state a test service changes together with its outbox. */
@Entity
public class Note extends PanacheEntityBase {
    @Id
    public UUID id;
    public String text;
}
