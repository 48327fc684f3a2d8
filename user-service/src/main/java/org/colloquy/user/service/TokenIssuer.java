package org.colloquy.user.service;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.colloquy.api.RevokedTokens;
import org.colloquy.user.domain.User;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the RS256 tokens every service verifies: {@code sub} the user id, {@code upn} and
 * {@code preferred_username} the username, {@code groups} the roles, {@code ver} the user's token version. The
 * signing key is {@code smallrye.jwt.sign.key.location}; its public half is served as JWKS.
 */
@ApplicationScoped
public class TokenIssuer {

    private final String issuer;
    private final Duration lifetime;
    private final JsonWebKeys keys;

    public TokenIssuer(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "colloquy.jwt.lifetime", defaultValue = "P1D") Duration lifetime,
            JsonWebKeys keys) {
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.keys = keys;
    }

    public String issue(User user) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer)
                .subject(user.id.toString())
                .upn(user.username)
                .preferredUserName(user.username)
                .groups(user.roleSet())
                .claim(RevokedTokens.CLAIM, user.tokenVersion)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws().keyId(keys.keyId())
                .sign();
    }
}
