package org.colloquy.messaging.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The relay's statements on {@code outbox_event}. A relay first claims rows for a short lease (one quick statement,
 * {@code SKIP LOCKED}), so that several relays (threads or replicas) never publish the same row at the same time,
 * and no connection or transaction is held while Kafka is waited for; it deletes the rows Kafka acknowledged and
 * gives the others back. A claim that is never given back (the relay died) expires with its lease.
 */
final class OutboxClaims {

    private static final String UNCLAIMED = "(claimed_until is null or claimed_until < now())";
    private static final String DELETE = "delete from outbox_event where id = any($1)";
    private static final String RELEASE = "update outbox_event set claimed_until = null where id = any($1)";
    private static final String BLOCKED_FROM = "blocked_from";

    private final Pool pool;
    private final String claimIds;
    private final String claimOldest;

    OutboxClaims(Pool pool, Duration lease) {
        this.pool = pool;
        // the claim and the per-key order check in one statement: with each claimed row, the first seq of a row of
        // its key that this claim did not take (pending, or another relay's), null if there is none
        String claim = "with claimed as (update outbox_event set claimed_until = now() + interval '"
                + lease.toMillis() + " milliseconds' where id in (select id from outbox_event"
                + " where %s and " + UNCLAIMED + " order by seq %s for update skip locked) returning "
                + OutboxRow.COLUMNS + ") select claimed.*, (select min(e.seq) from outbox_event e"
                + " where e.msg_key = claimed.msg_key and e.id not in (select id from claimed)) as " + BLOCKED_FROM
                + " from claimed";
        this.claimIds = claim.formatted("id = any($1)", "");
        // rows a request of this instance is about to publish itself are left to it (HeldForRequests)
        this.claimOldest = claim.formatted("not (id = any($2))", "limit $1");
    }

    /** Claims the given rows if they are still pending and unclaimed. */
    Uni<ClaimedRows> claim(List<UUID> ids) {
        return pool.preparedQuery(claimIds).execute(Tuple.of(ids.toArray(UUID[]::new))).map(OutboxClaims::claimed);
    }

    /** Claims the oldest pending, unclaimed rows, at most {@code limit}, leaving the {@code held} ones alone. */
    Uni<ClaimedRows> claimOldest(int limit, UUID[] held) {
        return pool.preparedQuery(claimOldest).execute(Tuple.of(limit, held)).map(OutboxClaims::claimed);
    }

    /** Deletes published rows; completes with how many rows that was. */
    Uni<Integer> delete(List<OutboxRow> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(DELETE).execute(Tuple.of(ids(published))).map(deleted -> published.size());
    }

    /** Gives rows back before their claim expires; never fails, since the claim expires by itself. */
    Uni<Void> release(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RELEASE).execute(Tuple.of(ids(rows)))
                .replaceWithVoid()
                .onFailure().recoverWithItem(() -> null);
    }

    private static ClaimedRows claimed(Iterable<Row> claimedRows) {
        List<OutboxRow> claimed = new ArrayList<>();
        Map<String, Long> blockedFrom = new HashMap<>();
        for (Row row : claimedRows) {
            OutboxRow outboxRow = OutboxRow.from(row);
            claimed.add(outboxRow);
            Long first = row.getLong(BLOCKED_FROM);
            if (first != null) {
                blockedFrom.put(outboxRow.key(), first);
            }
        }
        return new ClaimedRows(claimed, blockedFrom);
    }

    private static UUID[] ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).toArray(UUID[]::new);
    }
}
