package org.colloquy.user.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.colloquy.user.service.JsonWebKeys;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The token verification key as a JSON Web Key Set. */
@Path("/.well-known/jwks.json")
@Tag(name = "Tokens")
public class JwksResource {

    private final JsonWebKeys keys;

    public JwksResource(JsonWebKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public key that verifies every token this service issues (RS256)")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
