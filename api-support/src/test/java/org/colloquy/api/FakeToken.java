package org.colloquy.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A verified token as smallrye-jwt hands it over, made of the given claims; counts the claim reads. */
final class FakeToken implements JsonWebToken {

    static final String SUBJECT = "3f6c1a52-8d0e-4b7e-9a1f-5c2d8e4b7a10";

    private final Map<String, Object> claims;
    private final AtomicInteger reads;

    FakeToken(Map<String, Object> claims, AtomicInteger reads) {
        this.claims = claims;
        this.reads = reads;
    }

    @Override
    public String getName() {
        return "anna";
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        reads.incrementAndGet();
        return (T) claims.get(name);
    }
}
