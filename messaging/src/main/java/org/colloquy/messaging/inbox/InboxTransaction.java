package org.colloquy.messaging.inbox;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the handlers of one inbox transaction registered: actions for after its commit and the keys of the statements
 * that already ran in it. Kept in the locals of the record's (duplicated) Vert.x context, so that a handler reaches
 * it through {@link Inbox#afterCommit} and {@link Inbox#oncePerTransaction} without it being passed along; outside
 * such a context there is none, and both act at once.
 */
record InboxTransaction(List<Runnable> afterCommit, Set<String> done) {

    private static final String KEY = "colloquy.inbox.transaction";

    static InboxTransaction begin() {
        InboxTransaction transaction = new InboxTransaction(new ArrayList<>(), new HashSet<>());
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, transaction);
        }
        return transaction;
    }

    static InboxTransaction current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY, null) : null;
    }

    static void end() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(KEY);
        }
    }

    /** Keeps the action for after the current transaction's commit; runs it at once outside one. */
    static void runAfterCommit(Runnable action) {
        InboxTransaction transaction = current();
        if (transaction == null) {
            action.run();
        } else {
            transaction.afterCommit().add(action);
        }
    }

    /** Runs the statement unless one under the same key already ran in the current transaction. */
    static Uni<Void> once(String key, Supplier<Uni<Void>> statement) {
        InboxTransaction transaction = current();
        if (transaction != null && !transaction.done().add(key)) {
            return Uni.createFrom().voidItem();
        }
        return statement.get();
    }
}
