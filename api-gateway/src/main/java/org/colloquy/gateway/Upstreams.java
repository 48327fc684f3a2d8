package org.colloquy.gateway;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.colloquy.gateway.Instances.Instance;

/**
 * Every service's instances ({@link Instances}, from {@code colloquy.gateway.upstreams.<service>}) and whether each
 * is ready: every {@code health-interval} each instance's {@code /q/health/ready} is asked (an answer other than 200
 * within 2 s counts as down), and a refused connection marks an instance down at once. A change between up and down
 * is logged once.
 */
@ApplicationScoped
public class Upstreams {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final HttpClient client;
    private final Map<String, Instances> byName = new LinkedHashMap<>();
    /** Whether each instance was last logged as up, so that a probe every few seconds does not repeat it. */
    private final Map<Instance, Boolean> loggedUp = new ConcurrentHashMap<>();

    public Upstreams(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.client = vertx.createHttpClient();
        for (String upstream : Routes.UPSTREAMS) {
            String urls = config.upstreams().get(upstream);
            if (urls == null) {
                throw new IllegalStateException("colloquy.gateway.upstreams." + upstream + " is not configured");
            }
            byName.put(upstream, Instances.parse(upstream, urls));
        }
    }

    void probeRegularly(@Observes StartupEvent started) {
        vertx.setPeriodic(config.healthInterval().toMillis(), timer -> probeAll().subscribe().with(states -> {
        }));
    }

    Instances of(String upstream) {
        return byName.get(upstream);
    }

    /** Probes every instance; answers, per service in {@link Routes#UPSTREAMS} order, whether one is ready. */
    Uni<Map<String, Boolean>> probeAll() {
        List<Uni<Boolean>> probes = byName.values().stream()
                .map(instances -> Uni.join().all(instances.all().stream().map(instance -> probe(instances, instance))
                        .toList()).andFailFast().map(states -> states.contains(true)))
                .toList();
        return Uni.join().all(probes).andFailFast().map(states -> {
            Map<String, Boolean> ready = new LinkedHashMap<>();
            int i = 0;
            for (String upstream : byName.keySet()) {
                ready.put(upstream, states.get(i++));
            }
            return ready;
        });
    }

    /** A connection to the instance failed: nothing was sent, the request tries the next one. */
    void refused(Instances instances, Instance instance, Throwable failure) {
        if (instances.markDown(instance)) {
            log(instances, instance, "refused a connection: " + failure.getMessage());
        }
    }

    private Uni<Boolean> probe(Instances instances, Instance instance) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(instance.host())
                        .setPort(instance.port()).setURI("/q/health/ready").setTimeout(PROBE_TIMEOUT.toMillis()))
                .chain(request -> request.send())
                .map(response -> response.statusCode() == 200 ? "UP" : "readiness answered " + response.statusCode())
                .ifNoItem().after(PROBE_TIMEOUT).recoverWithItem("no answer within " + PROBE_TIMEOUT.toSeconds() + "s")
                .onFailure().recoverWithItem(failure -> "unreachable: " + failure.getMessage())
                .map(detail -> {
                    boolean up = detail.equals("UP");
                    if (up) {
                        instances.markUp(instance);
                    } else {
                        instances.markDown(instance);
                    }
                    log(instances, instance, detail);
                    return up;
                });
    }

    /** Logs a change between up and down, with why an instance is down. */
    private void log(Instances instances, Instance instance, String detail) {
        boolean up = detail.equals("UP");
        Boolean previous = loggedUp.put(instance, up);
        if (previous == null || previous != up) {
            if (up) {
                Log.infof("%s at %s is up", instances.upstream(), instance);
            } else {
                Log.warnf("%s at %s is down (%s)", instances.upstream(), instance, detail);
            }
        }
    }
}
