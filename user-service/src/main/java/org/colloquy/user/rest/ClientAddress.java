package org.colloquy.user.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, for the throttles. The gateway sets {@code X-Forwarded-For} to the one client
 * address it resolved; a chain of values means something in front of it was believed, so only the last value (the
 * one our own proxy appended) is ours to trust: a client-chosen first value would buy fresh attempts. The header
 * counts only when Quarkus found the direct peer among {@code quarkus.http.proxy.trusted-proxies} (it says so in
 * {@code X-Forwarded-Trusted-Proxy}, which it sets itself, overwriting any a client sent); otherwise the peer is
 * the client.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String TRUSTED_PROXY = "X-Forwarded-Trusted-Proxy";

    static String of(HttpServerRequest request) {
        // Reading the remote address makes Quarkus evaluate the forwarding headers (and set TRUSTED_PROXY).
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader(FORWARDED_FOR);
        if (forwarded == null || !"true".equalsIgnoreCase(request.getHeader(TRUSTED_PROXY))) {
            return peer;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        return last.isEmpty() ? peer : withoutPort(last);
    }

    /** {@code 203.0.113.7:4711} and {@code [2001:db8::1]:4711} name the same client as without the port. */
    private static String withoutPort(String address) {
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.indexOf(':');
        return colon > 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
    }

    private ClientAddress() {
    }
}
