package org.colloquy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Token keys for tests: a key pair made for this test run (never committed), the public half for verifying and the
 * private half for user-service's signing; {@link TestTokens} signs tokens with the same key.
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestKeys keys = TestKeys.get();
        return Map.of(
                "colloquy.jwt.public-key-location", "file:" + keys.publicKey().toAbsolutePath(),
                "smallrye.jwt.sign.key.location", "file:" + keys.privateKey().toAbsolutePath());
    }

    @Override
    public void stop() {
    }
}
