package org.colloquy.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the gateway, under {@code colloquy.gateway}. */
@ConfigMapping(prefix = "colloquy.gateway")
public interface GatewayConfig {

    /**
     * Base URL per service, e.g. {@code colloquy.gateway.upstreams.user-service=http://localhost:8081}; several
     * instances separated by commas ({@code http://localhost:8081,http://localhost:9081}), between which requests
     * alternate ({@link Instances}).
     */
    Map<String, String> upstreams();

    /** How often every instance's readiness is asked; an instance that is not ready gets no requests. */
    @WithDefault("2s")
    Duration healthInterval();

    /** How long to wait for a connection to a service before answering 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a service may stay silent (no response headers or data) before the gateway answers 504. Live streams
     * must send something more often (notification-service's stream sends a heartbeat).
     */
    @WithDefault("30s")
    Duration idleTimeout();

    /**
     * The largest request body the gateway passes on (an article of 200 KB with JSON escaping fits), whether its
     * length is announced ({@code Content-Length}) or not (chunked).
     */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * The proxies in front of the gateway (load balancer, ingress) whose {@code X-Forwarded-For} is believed: IP
     * addresses or CIDR ranges. Empty (the default): the direct peer is the client, whatever it claims.
     */
    Optional<List<String>> trustedProxies();

    /**
     * How long the gateway remembers where a caller's writes stand (the {@code Colloquy-Written} header of its
     * responses) and sends it with the caller's requests, so that replicas answer them with the writes in.
     */
    @WithDefault("10s")
    Duration writtenWindow();

    /** How many callers' writes are remembered at most; the caller whose last write is oldest is forgotten first. */
    @WithDefault("100000")
    int writtenCallers();
}
