package org.colloquy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Free TCP ports for what the benchmark starts (the platform, the bare app): the benchmark must run beside a local
 * platform on the default ports, so it never uses those.
 */
final class Ports {

    private Ports() {
    }

    /** A port the system just handed out and took back. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
