package org.colloquy.user.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.colloquy.api.RevokedTokens;
import org.colloquy.user.repository.TokenVersionQueries;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The check of api-support's {@link RevokedTokens}, against the source itself: user-service knows every user's
 * current token version first hand, so it refuses a revoked token (its {@code ver}
 * below the user's version: the password or the roles changed since) at once, with no event in between. The cost
 * is one primary-key look-up per authenticated request. The failure is answered 401
 * {@code {"errors":{"token":["is invalid or expired"]}}}. A token whose {@code sub} is not a user id is refused the
 * same way; one for an id that has no account passes, and the endpoint answers as it does for a missing user.
 */
@ApplicationScoped
public class RevokedTokenCheck implements SecurityIdentityAugmentor {

    private final TokenVersionQueries versions;

    public RevokedTokenCheck(TokenVersionQueries versions) {
        this.versions = versions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (!RevokedTokens.isUserId(token.getSubject())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Token subject is not a user id"));
        }
        UUID userId = UUID.fromString(token.getSubject());
        long presented = RevokedTokens.version(token); // fails for a 'ver' that is no whole number
        return versions.current(userId).map(current -> {
            if (presented < current) {
                throw new AuthenticationFailedException("Token version " + presented + " of user " + userId
                        + " was revoked (now " + current + ")");
            }
            return identity;
        });
    }
}
