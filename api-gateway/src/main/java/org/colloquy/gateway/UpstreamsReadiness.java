package org.colloquy.gateway;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness asks every instance of every service for its own readiness ({@link Upstreams}) and reports each service as
 * {@code UP} (one of its instances is ready) or {@code DOWN}; the gateway is ready when all are, since until then
 * part of the API would answer 503. Why an instance is down (its status, a connection error) goes to the log, once
 * per change, not into the answer: error texts name hosts and ports.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements AsyncHealthCheck {

    private final Upstreams upstreams;

    public UpstreamsReadiness(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return upstreams.probeAll().map(ready -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Upstream services");
            ready.forEach((upstream, up) -> response.withData(upstream, up ? "UP" : "DOWN"));
            return response.status(!ready.containsValue(false)).build();
        });
    }
}
