package org.colloquy.user.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** user-service's own settings ({@code colloquy.users.*}); the service README's table describes each. */
@ConfigMapping(prefix = "colloquy.users")
public interface UserSettings {

    /** Usernames made admins at start (once registered). */
    Optional<List<String>> initialAdmins();

    Password password();

    Registration registration();

    Login login();

    /** Argon2id's cost, and how many hashes run at once (each holds {@code memoryKib}). */
    interface Password {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        /** Default: the number of processors. */
        Optional<Integer> maxConcurrent();
    }

    /** Registrations per client address in a fixed window; some addresses (the system tests') are not counted. */
    interface Registration {
        @WithDefault("10")
        int maxPerAddress();

        @WithDefault("PT1H")
        Duration window();

        Optional<Set<String>> unthrottledAddresses();
    }

    /** Failed log-ins per account and per client address in a fixed window. */
    interface Login {
        @WithDefault("5")
        int maxFailuresPerAccount();

        @WithDefault("20")
        int maxFailuresPerAddress();

        @WithDefault("PT15M")
        Duration window();
    }
}
