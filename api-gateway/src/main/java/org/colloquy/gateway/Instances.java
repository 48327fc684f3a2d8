package org.colloquy.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service and which of them a request tries, in which order: the ready ones in turn (round
 * robin), then those marked down (one may be back before its next probe; trying it costs a refused connection).
 * An instance is marked down when its readiness probe fails or a connection to it is refused, and up when its probe
 * answers 200. On Kubernetes an upstream is one Service name, whose own balancing picks the pod.
 */
final class Instances {

    /** One instance's address. */
    record Instance(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final String upstream;
    private final List<Instance> all;
    private final Set<Instance> down = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turn = new AtomicInteger();

    Instances(String upstream, List<Instance> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("colloquy.gateway.upstreams." + upstream + " names no instance");
        }
        this.upstream = upstream;
        this.all = List.copyOf(all);
    }

    /** From the configuration: base URLs separated by commas ({@code http://host:8081,http://host:9081}). */
    static Instances parse(String upstream, String urls) {
        List<Instance> instances = Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(URI::create).map(uri -> {
                    if (uri.getHost() == null || uri.getPort() < 0) {
                        throw new IllegalArgumentException("colloquy.gateway.upstreams." + upstream
                                + ": each instance is a base URL with host and port, not " + uri);
                    }
                    return new Instance(uri.getHost(), uri.getPort());
                }).toList();
        return new Instances(upstream, instances);
    }

    String upstream() {
        return upstream;
    }

    List<Instance> all() {
        return all;
    }

    /** The order in which one request tries the instances (on every request: one instance costs nothing). */
    List<Instance> order() {
        if (all.size() == 1) {
            return all;
        }
        int start = Math.floorMod(turn.getAndIncrement(), all.size());
        List<Instance> order = new ArrayList<>(all.size());
        int ready = 0;
        for (int i = 0; i < all.size(); i++) {
            Instance instance = all.get((start + i) % all.size());
            if (down.contains(instance)) {
                order.add(instance);
            } else {
                order.add(ready++, instance);
            }
        }
        return order;
    }

    /** Returns whether this changed the instance's state. */
    boolean markDown(Instance instance) {
        return down.add(instance);
    }

    /** Returns whether this changed the instance's state. */
    boolean markUp(Instance instance) {
        return down.remove(instance);
    }

    boolean isUp(Instance instance) {
        return !down.contains(instance);
    }
}
