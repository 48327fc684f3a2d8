package org.colloquy.user.service;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Argon2id password hashes in the PHC string format, which records its own parameters, so stronger settings apply to
 * new hashes while old ones still verify. Hashing is slow on purpose, so it runs on a worker thread and the result
 * comes back on the caller's context (never blocking the event loop).
 */
@ApplicationScoped
public class PasswordHasher {

    private final Vertx vertx;
    private final Argon2Function argon2;

    public PasswordHasher(Vertx vertx,
            @ConfigProperty(name = "colloquy.users.password.memory-kib", defaultValue = "19456") int memoryKib,
            @ConfigProperty(name = "colloquy.users.password.iterations", defaultValue = "2") int iterations) {
        this.vertx = vertx;
        this.argon2 = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> argon2.hash(password).getResult()));
    }

    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return Argon2Function.getInstanceFromHash(hash).check(password, hash);
            } catch (RuntimeException malformedHash) {
                return false;
            }
        }));
    }
}
