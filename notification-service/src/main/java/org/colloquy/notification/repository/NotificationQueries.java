package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.colloquy.persistence.PageClause;

/** Reads and read-marks of a user's notifications; every statement is scoped to the recipient. */
@ApplicationScoped
public class NotificationQueries {

    private final Pool pool;

    public NotificationQueries(Pool pool) {
        this.pool = pool;
    }

    /** Newest first, before the cursor (an id), at most {@code limit}; served by the recipient indexes. */
    public Uni<List<NotificationView>> page(UUID recipient, boolean unreadOnly, long before, int limit) {
        return pool.preparedQuery("select " + NotificationView.COLUMNS + NotificationView.FROM
                        + " where n.recipient_id = $1 and n.id < $2" + (unreadOnly ? " and n.read_at is null" : "")
                        + " order by n.id desc" + PageClause.of(limit, 0))
                .execute(Tuple.of(recipient, before)).map(NotificationQueries::views);
    }

    public Uni<Long> unreadCount(UUID recipient) {
        return pool.preparedQuery("select count(*) from notification where recipient_id = $1 and read_at is null")
                .execute(Tuple.of(recipient)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Null when the notification is not the recipient's (or does not exist). */
    public Uni<NotificationView> markRead(UUID recipient, long id) {
        return pool.preparedQuery("with marked as (update notification set read_at = coalesce(read_at, now()) "
                        + "where id = $1 and recipient_id = $2 returning *) select " + NotificationView.COLUMNS
                        + " from marked n" + NotificationView.REPLICAS)
                .execute(Tuple.of(id, recipient))
                .map(rows -> rows.size() == 0 ? null : NotificationView.from(rows.iterator().next()));
    }

    public Uni<Integer> markAllRead(UUID recipient) {
        return pool.preparedQuery("update notification set read_at = now() where recipient_id = $1 "
                + "and read_at is null").execute(Tuple.of(recipient)).map(RowSet::rowCount);
    }

    /** What a reconnecting stream missed, oldest first. */
    public Uni<List<NotificationView>> after(UUID recipient, long afterId) {
        return pool.preparedQuery("select " + NotificationView.COLUMNS + NotificationView.FROM
                + " where n.recipient_id = $1 and n.id > $2 order by n.id limit 1000")
                .execute(Tuple.of(recipient, afterId))
                .map(NotificationQueries::views);
    }

    /** New notifications of any of the given recipients, oldest first: what the live streams need to send. */
    public Uni<List<NotificationView>> newFor(UUID[] recipients, long afterId) {
        return pool.preparedQuery("select " + NotificationView.COLUMNS + NotificationView.FROM
                + " where n.id > $1 and n.recipient_id = any($2) order by n.id limit 10000")
                .execute(Tuple.of(afterId, recipients))
                .map(NotificationQueries::views);
    }

    public Uni<Long> latestId() {
        return pool.query("select coalesce(max(id), 0) from notification").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Long> latestIdOf(UUID recipient) {
        return pool.preparedQuery("select coalesce(max(id), 0) from notification where recipient_id = $1")
                .execute(Tuple.of(recipient)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Removes read notifications older than the cut-off; returns how many. */
    public Uni<Integer> purgeReadBefore(java.time.OffsetDateTime cutOff) {
        return pool.preparedQuery("delete from notification where read_at < $1").execute(Tuple.of(cutOff))
                .map(RowSet::rowCount);
    }

    private static List<NotificationView> views(RowSet<Row> rows) {
        List<NotificationView> views = new ArrayList<>();
        rows.forEach(row -> views.add(NotificationView.from(row)));
        return views;
    }
}
