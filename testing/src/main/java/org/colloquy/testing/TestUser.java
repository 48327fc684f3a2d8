package org.colloquy.testing;

import java.time.Instant;
import java.util.UUID;
import org.colloquy.events.user.UserRegistered;

/**
 * A user as the services' tests need one: an id, a name no other test uses, and a token as user-service issues it
 * (signed with the test key). The service under test learns of the user from the token, or from the
 * {@link #registration(Instant) registration} a test publishes the way user-service would.
 */
public record TestUser(String id, String username, String token) {

    /** A new user named {@code <prefix>-<8 characters of the id>}, with these roles besides {@code user}. */
    public static TestUser named(String prefix, String... roles) {
        String id = UUID.randomUUID().toString();
        String username = prefix + "-" + id.substring(0, 8);
        return new TestUser(id, username, TestTokens.forUser(id, username, roles));
    }

    /** A token as user-service issues it after {@code version} revocations of this user's sessions. */
    public String tokenAtVersion(long version) {
        return TestTokens.atVersion(id, username, version);
    }

    /** The event user-service publishes for this user's sign-up at {@code at} (no bio, no image). */
    public UserRegistered registration(Instant at) {
        return registration(at, null);
    }

    public UserRegistered registration(Instant at, String image) {
        return new UserRegistered(id, username, null, image, at);
    }
}
