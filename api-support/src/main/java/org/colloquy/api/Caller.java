package org.colloquy.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import org.colloquy.domain.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified token: user id ({@code sub}), username ({@code upn}) and roles ({@code groups}).
 * The synchronous methods are for endpoints that require authentication ({@code @Authenticated},
 * {@code @RolesAllowed}), where the identity is resolved before the method runs.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final CurrentIdentityAssociation identities;

    public Caller(SecurityIdentity identity, CurrentIdentityAssociation identities) {
        this.identity = identity;
        this.identities = identities;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The caller's user id; throws 401 for anonymous callers. */
    public String id() {
        return token().map(JsonWebToken::getSubject)
                .orElseThrow(() -> ApiException.unauthorized("token", "is missing"));
    }

    /**
     * For endpoints where a token is optional. Authentication is lazy, so the identity is resolved here, without
     * blocking; an invalid token still fails with 401.
     */
    public Uni<Optional<String>> idIfAuthenticated() {
        return identities.getDeferredIdentity().map(resolved -> token(resolved).map(JsonWebToken::getSubject));
    }

    /** A signed-in reader of an endpoint where a token is optional. */
    public record Viewer(String id, Set<String> roles) {
        public boolean isModerator() {
            return Role.moderates(roles);
        }
    }

    /** Like {@link #idIfAuthenticated()}, with the reader's roles. */
    public Uni<Optional<Viewer>> viewerIfAuthenticated() {
        return identities.getDeferredIdentity().map(resolved -> token(resolved)
                .map(token -> new Viewer(token.getSubject(), resolved.getRoles())));
    }

    public String username() {
        return token().map(token -> token.<String> getClaim("upn"))
                .orElseThrow(() -> ApiException.unauthorized("token", "is missing"));
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** Whether the caller moderates (a moderator or an admin). */
    public boolean isModerator() {
        return Role.moderates(identity.getRoles());
    }

    /** The raw token the caller presented, for echoing back where the API does so. */
    public Optional<String> rawToken() {
        return token().map(JsonWebToken::getRawToken);
    }

    private Optional<JsonWebToken> token() {
        return token(identity);
    }

    private static Optional<JsonWebToken> token(SecurityIdentity identity) {
        return identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                ? Optional.empty() : Optional.of(token);
    }
}
