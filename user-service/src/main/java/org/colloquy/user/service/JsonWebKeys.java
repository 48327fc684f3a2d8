package org.colloquy.user.service;

import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** The public half of the signing key as a JSON Web Key Set, for operators and services that verify by JWKS. */
@ApplicationScoped
public class JsonWebKeys {

    private final String publicKeyLocation;
    private volatile Map<String, Object> jwks;
    private volatile String keyId;

    public JsonWebKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation) {
        this.publicKeyLocation = publicKeyLocation;
    }

    public Map<String, Object> jwks() {
        load();
        return jwks;
    }

    /** The RFC 7638 thumbprint of the key, also the {@code kid} of every token. */
    public String keyId() {
        load();
        return keyId;
    }

    private synchronized void load() {
        if (jwks != null) {
            return;
        }
        try {
            PublicKey key = KeyUtils.decodePublicKey(ResourceUtils.readResource(publicKeyLocation));
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            keyId = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(keyId);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            jwks = Map.of("keys", java.util.List.of(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (JoseException | java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the token public key at " + publicKeyLocation, e);
        }
    }
}
