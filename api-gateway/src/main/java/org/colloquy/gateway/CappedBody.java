package org.colloquy.gateway;

import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body of unknown length (chunked), passed on as it comes until it exceeds the cap. Then the stream fails,
 * so the proxy resets the request to the service (which never sees a complete body), and from then on it drains what
 * the client still sends without passing it on: a client that is still writing reads the 413 more reliably than one
 * whose connection is cut. A client that goes on for more than {@link #DRAIN_FACTOR} times the cap is cut off.
 */
final class CappedBody implements ReadStream<Buffer> {

    /** Failure of the stream once the cap is exceeded; {@link #exceeded()} tells it apart from other failures. */
    static final class TooLarge extends VertxException {
        TooLarge(long cap) {
            super("request body is larger than " + cap + " bytes", true);
        }
    }

    static final int DRAIN_FACTOR = 8;

    private final ReadStream<Buffer> source;
    private final long cap;
    private final Runnable cutOff;
    private long received;
    private boolean exceeded;
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;

    /**
     * @param cutOff closes the client's connection (when it keeps sending long after the cap)
     */
    CappedBody(ReadStream<Buffer> source, long cap, Runnable cutOff) {
        this.source = source;
        this.cap = cap;
        this.cutOff = cutOff;
        source.exceptionHandler(failure -> {
            if (!exceeded && exceptionHandler != null) {
                exceptionHandler.handle(failure);
            }
        });
        source.endHandler(end -> {
            if (!exceeded && endHandler != null) {
                endHandler.handle(end);
            }
        });
    }

    boolean exceeded() {
        return exceeded;
    }

    private void onData(Buffer chunk) {
        received += chunk.length();
        if (exceeded) {
            if (received > cap * (DRAIN_FACTOR + 1)) {
                source.handler(null);
                cutOff.run();
            }
            return;
        }
        if (received > cap) {
            exceeded = true;
            source.resume(); // drain from now on, whatever the proxy asks of this stream
            if (exceptionHandler != null) {
                exceptionHandler.handle(new TooLarge(cap));
            }
            return;
        }
        if (handler != null) {
            handler.handle(chunk);
        }
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        if (!exceeded) {
            source.handler(handler == null ? null : this::onData);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        if (!exceeded) {
            source.pause();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!exceeded) {
            source.fetch(amount);
        }
        return this;
    }
}
