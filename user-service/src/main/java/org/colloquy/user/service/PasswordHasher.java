package org.colloquy.user.service;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Argon2id password hashes in the PHC string format, which records its own parameters, so stronger settings apply to
 * new hashes while old ones still verify. Hashing is slow on purpose, so it runs on worker threads and the result
 * comes back on the caller's context (never blocking the event loop).
 *
 * <p>Each hash holds {@code memory-kib} (19 MiB) while it runs, so at most {@code max-concurrent} run at once, on a
 * pool of their own; the others wait in its queue. On the general worker pool (20 threads) a burst of registrations
 * or log-ins could hold 20 × 19 MiB at once, and about 27 of them filled a 512 MiB heap, which ends the process
 * ({@code -XX:+ExitOnOutOfMemoryError}). More hashes at once than cores would not finish sooner anyway.
 */
@ApplicationScoped
public class PasswordHasher {

    /** The worker threads' name prefix (visible in thread dumps and in the test that pins the bound). */
    static final String THREADS = "password-hashing";

    private final Argon2Function argon2;
    private final WorkerExecutor hashing;

    public PasswordHasher(Vertx vertx,
            UserSettings settings) {
        UserSettings.Password password = settings.password();
        this.argon2 = Argon2Function.getInstance(password.memoryKib(), password.iterations(), 1, 32, Argon2.ID);
        int threads = Math.max(1, password.maxConcurrent().orElse(Runtime.getRuntime().availableProcessors()));
        this.hashing = vertx.createSharedWorkerExecutor(THREADS, threads);
    }

    public Uni<String> hash(String password) {
        return onHashingThread(() -> argon2.hash(password).getResult());
    }

    public Uni<Boolean> matches(String password, String hash) {
        return onHashingThread(() -> {
            try {
                return Argon2Function.getInstanceFromHash(hash).check(password, hash);
            } catch (RuntimeException malformedHash) {
                return false;
            }
        });
    }

    private <T> Uni<T> onHashingThread(Supplier<T> work) {
        return hashing.executeBlocking(Uni.createFrom().item(work), false);
    }

    @PreDestroy
    void close() {
        hashing.closeAndForget();
    }
}
