package org.colloquy.gateway;

import io.quarkus.logging.Log;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness asks every service for its own readiness and reports each one as {@code UP} or {@code DOWN}; the gateway
 * is ready when all are, since until then part of the API would answer 503. Why a service is down (its status, a
 * connection error) goes to the log, once per change, not into the answer: error texts name hosts and ports.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements AsyncHealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final HttpClient client;
    /** The last detail logged per service, so that a probe every few seconds does not repeat it. */
    private final Map<String, String> lastDetail = new ConcurrentHashMap<>();

    public UpstreamsReadiness(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Boolean>> probes = Routes.UPSTREAMS.stream().map(this::probe).toList();
        return Uni.join().all(probes).andFailFast().map(states -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Upstream services");
            boolean allUp = true;
            for (int i = 0; i < states.size(); i++) {
                response.withData(Routes.UPSTREAMS.get(i), states.get(i) ? "UP" : "DOWN");
                allUp &= states.get(i);
            }
            return response.status(allUp).build();
        });
    }

    private Uni<Boolean> probe(String upstream) {
        URI base = URI.create(config.upstreams().get(upstream));
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                        .setPort(base.getPort()).setURI("/q/health/ready").setTimeout(PROBE_TIMEOUT.toMillis()))
                .chain(request -> request.send())
                .map(response -> response.statusCode() == 200 ? "UP" : "readiness answered " + response.statusCode())
                .ifNoItem().after(PROBE_TIMEOUT).recoverWithItem("no answer within " + PROBE_TIMEOUT.toSeconds() + "s")
                .onFailure().recoverWithItem(failure -> "unreachable: " + failure.getMessage())
                .map(detail -> {
                    String previous = lastDetail.put(upstream, detail);
                    if (!detail.equals(previous)) {
                        if (detail.equals("UP")) {
                            Log.infof("Readiness: %s is up", upstream);
                        } else {
                            Log.warnf("Readiness: %s is down (%s, %s)", upstream, base, detail);
                        }
                    }
                    return detail.equals("UP");
                });
    }
}
