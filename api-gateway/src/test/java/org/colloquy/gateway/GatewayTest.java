package org.colloquy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.arc.Arc;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway in front of real (fake) HTTP services. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class GatewayTest {

    @TestHTTPResource("/")
    URI gateway;

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

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

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
        given().get("/api/tags").then().body("forwardedFor", notNullValue());
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
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void bodiesOverTheCapAre413() {
        given().contentType("application/json").body("x".repeat(1001)).post("/api/articles")
                .then().statusCode(413).body("errors.body", contains("is larger than 1000 bytes"));
    }

    @Test
    void unknownApiPathIs404InTheErrorShape() {
        given().get("/api/nothing").then().statusCode(404).body("errors.resource", contains("not found"));
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
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Upstream services' }.data.'user-service'", equalTo("UP"))
                .body("checks.find { it.name == 'Upstream services' }.data.'notification-service'",
                        org.hamcrest.Matchers.startsWith("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
