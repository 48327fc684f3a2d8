package org.colloquy.notification.repository;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.colloquy.persistence.Sql;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "There are new notifications", told to every instance through one PostgreSQL channel: {@code NOTIFY} in the
 * transaction that wrote them (delivered when it commits), {@code LISTEN} on a connection of its own.
 */
@ApplicationScoped
public class NotificationSignal {

    private static final String CHANNEL = "colloquy_notifications";

    private final Sql sql;
    private final Vertx vertx;
    private final PgConnectOptions connectOptions;
    private PgSubscriber subscriber;

    public NotificationSignal(Sql sql, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.sql = sql;
        this.vertx = vertx;
        this.connectOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password.orElse(""));
    }

    /** Signals in the current transaction. */
    public Uni<Void> send() {
        return sql.execute("select pg_notify('" + CHANNEL + "', '')");
    }

    /** Runs {@code onSignal} for every signal from now on; a lost connection is made again every second. */
    public void listen(Runnable onSignal) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(payload -> onSignal.run());
        subscriber.connect().subscribe().with(
                connected -> Log.info("Listening for new notifications"),
                failure -> Log.errorf("Cannot listen for new notifications: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
