package org.colloquy.gateway;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness asks every service for its own readiness and reports each one; the gateway is ready when all are, since
 * until then part of the API would answer 503.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements AsyncHealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final HttpClient client;

    public UpstreamsReadiness(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<String>> probes = Routes.UPSTREAMS.stream().map(this::probe).toList();
        return Uni.join().all(probes).andFailFast().map(states -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Upstream services");
            boolean allUp = true;
            for (int i = 0; i < states.size(); i++) {
                response.withData(Routes.UPSTREAMS.get(i), states.get(i));
                allUp &= states.get(i).equals("UP");
            }
            return response.status(allUp).build();
        });
    }

    private Uni<String> probe(String upstream) {
        URI base = URI.create(config.upstreams().get(upstream));
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                        .setPort(base.getPort()).setURI("/q/health/ready").setTimeout(PROBE_TIMEOUT.toMillis()))
                .chain(request -> request.send())
                .map(response -> response.statusCode() == 200 ? "UP" : "DOWN (" + response.statusCode() + ")")
                .ifNoItem().after(PROBE_TIMEOUT).recoverWithItem("DOWN (no answer)")
                .onFailure().recoverWithItem(failure -> "DOWN (" + failure.getMessage() + ")");
    }
}
