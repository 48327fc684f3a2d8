package org.colloquy.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A user's live notification stream (server-sent events), read on a thread of its own until it is closed. */
final class LiveStream implements AutoCloseable {

    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;

    private LiveStream(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "live-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code /api/notifications/stream} at {@code baseUrl} (the gateway, or one instance) as the user. */
    static LiveStream open(String baseUrl, Client.User user) throws IOException, InterruptedException {
        return new LiveStream(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/notifications/stream"))
                .header("Authorization", "Token " + user.token()).build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next event's data line, or null if none came within {@code wait}. */
    String next(Duration wait) throws InterruptedException {
        return data.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    data.offer(line);
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
