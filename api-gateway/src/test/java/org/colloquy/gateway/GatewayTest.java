package org.colloquy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.arc.Arc;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway in front of real (fake) HTTP services. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class GatewayTest {

    private static final int CAP = 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    /** The management interface (its {@code /q/} root; paths below start at the server root). */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void requestsReachTheOwningServiceWithMethodPathQueryBodyAndToken() {
        given().header("Authorization", "Token abc").contentType("application/json").body("{\"user\":{}}")
                .post("/api/users/login?x=1")
                .then().statusCode(200)
                .body("service", equalTo("user-service"))
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/users/login?x=1"))
                .body("authorization", equalTo("Token abc"))
                .body("body", equalTo("{\"user\":{}}"));
        given().get("/api/articles/some-slug/comments").then().statusCode(200)
                .body("service", equalTo("comment-service"));
        given().get("/api/tags").then().statusCode(200).body("service", equalTo("article-service"));
        given().post("/api/articles/created").then().statusCode(201);
    }

    @Test
    void requestIdIsCreatedOrKeptAndPassedOn() {
        given().header("X-Request-Id", "trace-me-42").get("/api/tags")
                .then().header("X-Request-Id", "trace-me-42").body("requestId", equalTo("trace-me-42"));
        String created = given().get("/api/tags").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}")).extract().header("X-Request-Id");
        given().get("/api/tags").then().body("requestId", notNullValue());
        assertThat(created).isNotBlank();
    }

    @Test
    void clientTraceContextIsContinuedWithTheGatewaysSpanAsParent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "00f067aa0ba902b7";

        List<String> passedOn = given().header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .get("/api/tags").then().statusCode(200).extract().jsonPath().getList("traceparent", String.class);

        assertThat(passedOn).hasSize(1);
        String[] parts = passedOn.get(0).split("-");
        assertThat(parts[1]).isEqualTo(traceId);
        assertThat(parts[2]).as("the gateway's span is the parent").isNotEqualTo(clientSpan).hasSize(16);
    }

    @Test
    void requestWithoutTraceContextStartsATrace() {
        List<String> passedOn = given().get("/api/tags").then().statusCode(200)
                .extract().jsonPath().getList("traceparent", String.class);

        assertThat(passedOn).singleElement().asString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void metricsCountProxiedRequestsUnderOneRoute() {
        given().get("/api/tags").then().statusCode(200);

        String metrics = onManagementPort().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/\\*\"")
                .contains("jvm_memory_used_bytes")
                .doesNotContain("uri=\"/api/tags\"");
    }

    @Test
    void spansAreNotExportedUnlessAnExporterIsChosen() {
        assertThat(Arc.container().select(LateBoundSpanProcessor.class).get())
                .isInstanceOf(RemoveableLateBoundSpanProcessor.class);
    }

    @Test
    void clientAddressIsForwarded() {
        given().get("/api/tags").then().body("forwardedFor", contains("127.0.0.1"));
    }

    @Test
    void aClientsOwnForwardedForNeverReachesTheService() throws IOException {
        // 127.0.0.2 is not a trusted proxy: whatever it claims, it is the client
        JsonPath echo = rawGetFrom("127.0.0.2", "/api/tags", "X-Forwarded-For: 6.6.6.6, 7.7.7.7",
                "X-Forwarded-For: 8.8.8.8", "Forwarded: for=6.6.6.6", "X-Real-IP: 6.6.6.6");

        assertThat(echo.getList("forwardedFor", String.class)).containsExactly("127.0.0.2");
        assertThat(echo.getString("forwarded")).isNull();
    }

    @Test
    void aTrustedProxysForwardedForIsHonouredFromTheRightUpToTheFirstUntrustedAddress() {
        // the test client (127.0.0.1) is the trusted proxy here; what it appends last is what it saw
        given().header("X-Forwarded-For", "6.6.6.6, 203.0.113.7").get("/api/tags")
                .then().body("forwardedFor", contains("203.0.113.7"));
        given().header("X-Forwarded-For", "203.0.113.8, 127.0.0.1").get("/api/tags")
                .then().body("forwardedFor", contains("203.0.113.8"));
    }

    @Test
    void requestsAlternateBetweenTheInstancesOfAService() {
        assertThat(instancesAnswering("/api/profiles/someone", 6)).hasSize(2);
    }

    /** article-service's first instance refuses connections: nothing was sent, so the next one answers. */
    @Test
    void anInstanceThatRefusesConnectionsCostsNoRequestItsAnswer() {
        for (int i = 0; i < 6; i++) {
            given().post("/api/articles/created").then().statusCode(201);
            given().get("/api/tags").then().statusCode(200).body("service", equalTo("article-service"));
        }
    }

    /** comment-service's second instance answers requests but reports itself not ready: it gets none. */
    @Test
    void anInstanceThatIsNotReadyGetsNoRequests() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instancesAnswering("/api/articles/a/comments", 6)).hasSize(1));
        assertThat(instancesAnswering("/api/articles/a/comments", 20)).hasSize(1);
    }

    private static Set<Integer> instancesAnswering(String path, int requests) {
        Set<Integer> instances = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            instances.add(given().get(path).then().statusCode(200).extract().path("instance"));
        }
        return instances;
    }

    @Test
    void unreachableServiceIs503InTheErrorShape() {
        given().get("/api/notifications").then().statusCode(503)
                .body("errors.upstream", contains("notification-service is unavailable"));
    }

    @Test
    void silentServiceIs504InsteadOfAHang() {
        // warm up first (class loading, tracing, the first connection), which on a loaded machine took seconds when
        // this test ran first: the timing below is about the idle timeout only
        given().get("/api/articles/x").then().statusCode(200);
        Instant started = Instant.now();
        given().get("/api/articles/x/slow").then().statusCode(504)
                .body("errors.upstream", contains("article-service did not answer in time"));
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void bodiesOverTheCapAre413() {
        given().contentType("application/json").body("x".repeat(CAP + 1)).post("/api/articles")
                .then().statusCode(413).body("errors.body", contains("is larger than 1048576 bytes"));
    }

    @Test
    void chunkedBodiesOverTheCapAre413AndNeverReachTheServiceWhole() throws Exception {
        HttpResponse<String> response = postChunked("/api/articles/chunked-over", CAP + 64 * 1024);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"errors\":{\"body\":[\"is larger than 1048576 bytes\"]}}");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(given().get("/api/articles/x/received").then().statusCode(200).extract().jsonPath()
                .getMap("$")).as("bodies the services received whole").doesNotContainKey("/api/articles/chunked-over");
    }

    @Test
    void chunkedBodiesUpToTheCapArePassedOn() throws Exception {
        HttpResponse<String> response = postChunked("/api/articles/chunked-under", CAP - 1);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonPath(response.body()).getInt("bodyBytes")).isEqualTo(CAP - 1);
    }

    @Test
    void everyAnswerForbidsSniffingAndTokenAnswersAreNotStored() {
        for (String path : List.of("/api/users", "/api/users/login", "/api/user")) {
            given().contentType("application/json").body("{}").post(path).then()
                    .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        }
        var tags = given().get("/api/tags").then().statusCode(200).extract();
        assertThat(tags.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(tags.header("Cache-Control")).isEqualTo("private, max-age=60");
        given().get("/api/user").then().statusCode(200).header("Cache-Control", "no-store");
        given().get("/api/nothing").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        given().get("/api/notifications").then().statusCode(503).header("X-Content-Type-Options", "nosniff");
        given().header("Origin", "http://elsewhere.test").get("/api/tags").then().statusCode(403)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health", "/q/health/ready")) {
            given().get(path).then().statusCode(404);
        }
        onManagementPort().get("/q/health/live").then().statusCode(200);
        onManagementPort().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void unknownApiPathIs404InTheErrorShape() {
        given().get("/api/nothing").then().statusCode(404).body("errors.resource", contains("not found"));
    }

    @Test
    void aRefusedOriginIsToldWhichSettingToChange() {
        given().header("Origin", "http://elsewhere.test").get("/api/tags").then().statusCode(403)
                .body("errors.origin", contains("http://elsewhere.test " + CorsRefusal.HINT));
        given().header("Origin", "http://elsewhere.test").header("Access-Control-Request-Method", "POST")
                .options("/api/users").then().statusCode(403)
                .body("errors.origin[0]", containsString("COLLOQUY_CORS_ORIGINS"));
    }

    @Test
    void corsPreflightFromAnAllowedOriginIsAnswered() {
        given().header("Origin", "http://frontend.test").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/user")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://frontend.test");
    }

    @Test
    void streamsArePassedOnAsTheyComeNotBuffered() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(
                HttpRequest.newBuilder(gateway.resolve("/api/articles/x/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Instant started = Instant.now();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("data: first");
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void readinessReportsEachServiceAndIsDownWhileOneIsUnreachable() {
        String body = onManagementPort().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Upstream services' }.data.'user-service'", equalTo("UP"))
                .body("checks.find { it.name == 'Upstream services' }.data.'notification-service'", equalTo("DOWN"))
                .extract().asString();
        // why it is down (connection refused to localhost:<port>) is for the log, not for whoever asks
        assertThat(body).doesNotContainIgnoringCase("refused").doesNotContain("localhost").doesNotContain("127.0.0.1");
        onManagementPort().get("/q/health/live").then().statusCode(200);
    }

    private io.restassured.specification.RequestSpecification onManagementPort() {
        return given().baseUri(management.resolve("/").toString());
    }

    private HttpResponse<String> postChunked(String path, int bytes) throws Exception {
        byte[] body = new byte[bytes];
        java.util.Arrays.fill(body, (byte) 'x');
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // a stream of unknown length: the client sends it chunked, without Content-Length
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET over a socket bound to {@code localAddress}, with the given raw header lines; the JSON answer. */
    private JsonPath rawGetFrom(String localAddress, String path, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), gateway.getPort(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            return new JsonPath(response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
