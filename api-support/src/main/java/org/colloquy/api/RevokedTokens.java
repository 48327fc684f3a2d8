package org.colloquy.api;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses (401, "token is invalid or expired") a token whose {@code ver} claim is below the newest version this
 * service knows for its user: user-service raises the version on a password or role change, which ends every older
 * session. Tokens without {@code ver} count as version 0. A token whose {@code sub} is not a user id (a UUID) is
 * refused the same way.
 */
@ApplicationScoped
@IfBuildProperty(name = TokenVersions.ENABLED, stringValue = "true")
public class RevokedTokens implements SecurityIdentityAugmentor {

    public static final String CLAIM = "ver";

    private final TokenVersions versions;

    public RevokedTokens(TokenVersions versions) {
        this.versions = versions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (!isUserId(token.getSubject())) {
            // Signed by our key but not naming a user: no endpoint could answer it other than with a failure.
            return Uni.createFrom().failure(new AuthenticationFailedException("Token subject is not a user id"));
        }
        return versions.minimumFor(token.getSubject()).map(minimum -> {
            long version = version(token);
            if (version < minimum) {
                throw new AuthenticationFailedException("Token version " + version + " was revoked");
            }
            return identity;
        });
    }

    /** A {@code sub} that names a user: a UUID. */
    public static boolean isUserId(String subject) {
        if (subject == null) {
            return false;
        }
        try {
            UUID.fromString(subject);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code ver} claim; absent is 0, anything but a whole number is not a token user-service issued. */
    public static long version(JsonWebToken token) {
        Object claim = token.getClaim(CLAIM);
        if (claim == null) {
            return 0;
        }
        try {
            if (claim instanceof JsonNumber number) {
                return number.longValueExact();
            }
            if (claim instanceof Number number && number.doubleValue() == number.longValue()) {
                return number.longValue();
            }
            if (claim instanceof JsonString text) {
                return Long.parseLong(text.getString());
            }
            if (claim instanceof String text) {
                return Long.parseLong(text);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new AuthenticationFailedException("Token claim 'ver' is not a whole number");
    }
}
