package org.colloquy.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.colloquy.platform.PlatformService;
import org.colloquy.systemtests.Client.User;
import org.colloquy.systemtests.OpenApiCases.Case;
import org.colloquy.systemtests.OpenApiCases.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad-input corpus: every operation of every service's OpenAPI document (read from the service itself), sent
 * through the gateway with a signed-in user's token, each parameter and body field given hostile values one at a
 * time ({@link OpenApiCases}). No answer may be a 5xx or hang, and every 4xx has the RealWorld error shape. Bounded:
 * {@code -Dfuzz.cases} per operation (default 150; the core values for every parameter and field are always sent),
 * {@code -Dfuzz.budget} in all (default PT3M), seed {@code -Dfuzz.seed} (printed, so a failure can be replayed).
 *
 * <p>Why not Schemathesis: this project's machines and CI reach Maven Central, Debian and npm only, so a PyPI tool
 * cannot be installed; the corpus is generated here from the same OpenAPI documents instead.
 */
@ExtendWith(RunningPlatform.class)
class ApiFuzzIT {

    private static final int THREADS = 4;
    private static final int TIMEOUT_MILLIS = 15_000;

    private final InetAddress clientAddress = Client.newClientAddress();
    private final AtomicReference<User> user = new AtomicReference<>();
    private final AtomicInteger reRegistrations = new AtomicInteger();

    @Test
    void noOperationAnswersBadInputWithA5xx() throws InterruptedException {
        long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
        int perOperation = Integer.getInteger("fuzz.cases", 150);
        Duration budget = Duration.parse(System.getProperty("fuzz.budget", "PT3M"));
        User fuzzer = Client.register("fuzzer");
        user.set(fuzzer);
        String slug = Client.article(fuzzer, "Fuzz " + UUID.randomUUID(), List.of("fuzz"));
        int commentId = Client.as(fuzzer).body(Map.of("comment", Map.of("body", "fuzz")))
                .post("/api/articles/{s}/comments", slug).then().statusCode(201).extract().path("comment.id");
        Map<String, String> validPathValues = Map.of("slug", slug, "username", fuzzer.username(), "id",
                Integer.toString(commentId));

        List<Case> cases = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PlatformService service : PlatformService.BACKENDS) {
            Map<String, Object> document = openApi(service);
            OpenApiCases generator = new OpenApiCases(document, validPathValues, seed + service.name().hashCode());
            List<Operation> found = new ArrayList<>(OpenApiCases.operations(service.name(), document));
            // deleting comes last, so the article and comment the other cases use stay there until then
            found.sort(Comparator.comparing(operation -> operation.method().equals("delete")));
            for (Operation operation : found) {
                if (!operation.pathTemplate().startsWith("/api/")) {
                    skipped.add(operation.name() + " (not routed by the gateway: not part of the public API)");
                    continue;
                }
                if (operation.pathTemplate().endsWith("/stream")) {
                    skipped.add(operation.name() + " (a live stream never ends; SecurityIT covers its cap)");
                    continue;
                }
                operations.add(service.name() + " " + operation.name());
                cases.addAll(generator.cases(operation, perOperation));
            }
        }

        Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
        Queue<String> shapeErrors = new ConcurrentLinkedQueue<>();
        Queue<String> unsendable = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + budget.toNanos();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (Case one : cases) {
            pool.submit(() -> {
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    Response response = send(one);
                    sent.incrementAndGet();
                    check(one, response, serverErrors, shapeErrors);
                } catch (RuntimeException e) {
                    if (isTimeout(e)) {
                        sent.incrementAndGet();
                        serverErrors.add(describe(one) + " -> no answer within " + TIMEOUT_MILLIS + " ms");
                    } else {
                        unsendable.add(describe(one) + " (" + e.getClass().getSimpleName() + ")");
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(budget.toSeconds() + 60, TimeUnit.SECONDS);
        pool.shutdownNow();

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("API fuzz (seed %d): %d operations, %d cases sent of %d generated in %d s, 5xx = %d, "
                + "4xx without the error shape = %d, not sendable = %d, re-registered = %d%n", seed,
                operations.size(), sent.get(), cases.size(), seconds, serverErrors.size(), shapeErrors.size(),
                unsendable.size(), reRegistrations.get());
        skipped.forEach(s -> System.out.println("API fuzz: skipped " + s));
        serverErrors.stream().sorted().forEach(s -> System.out.println("API fuzz: 5xx " + s));
        shapeErrors.stream().sorted().forEach(s -> System.out.println("API fuzz: shape " + s));
        assertThat(operations).as("operations found in the services' OpenAPI documents").hasSizeGreaterThan(20);
        assertThat(sent.get()).as("cases sent within the budget of %s (raise -Dfuzz.budget)", budget)
                .isGreaterThan(cases.size() / 2);
        assertThat(List.copyOf(serverErrors)).as("server errors or hangs on bad input (seed %d; replay with "
                + "-Dfuzz.seed=%d)", seed, seed).isEmpty();
        assertThat(List.copyOf(shapeErrors)).as("4xx answers without {\"errors\":{\"<field>\":[...]}} (seed %d)",
                seed).isEmpty();
    }

    private static Map<String, Object> openApi(PlatformService service) {
        Response response = RestAssured.given().baseUri(RunningPlatform.baseUrl(service)).queryParam("format", "json")
                .get("/q/openapi");
        assertThat(response.statusCode()).as("%s must serve its OpenAPI document at %s/q/openapi (on its own, "
                + "loopback-only port; the gateway does not expose it)", service.name(),
                RunningPlatform.baseUrl(service)).isEqualTo(200);
        return response.jsonPath().getMap("$");
    }

    private Response send(Case one) {
        Response response = spec(one, user.get()).request(one.method().toUpperCase(), one.path());
        if (!one.anonymous() && response.statusCode() == 401 && reRegistrations.get() < 50) {
            // a case changed the fuzzer's password (or name): its sessions end, as they should; go on as a new user
            synchronized (this) {
                User current = user.get();
                if (Client.as(current).get("/api/user").statusCode() == 401) {
                    reRegistrations.incrementAndGet();
                    user.set(registerFrom(clientAddress));
                }
            }
            response = spec(one, user.get()).request(one.method().toUpperCase(), one.path());
        }
        return response;
    }

    private static User registerFrom(InetAddress address) {
        String name = "fuzzer-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Client.from(address).body(Map.of("user", Map.of("username", name, "email",
                name + "@example.org", "password", Client.PASSWORD))).post("/api/users").then().statusCode(201)
                .extract().path("user.token");
        return new User(name, name + "@example.org", token);
    }

    private RequestSpecification spec(Case one, User as) {
        RequestSpecification spec = RestAssured.given().baseUri(RunningPlatform.baseUrl(PlatformService.GATEWAY))
                .urlEncodingEnabled(false)
                .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.route.local-address", clientAddress)
                        .setParam("http.connection.timeout", 5000)
                        .setParam("http.socket.timeout", TIMEOUT_MILLIS)))
                .accept("application/json");
        if (!one.anonymous()) {
            spec = spec.header("Authorization", "Token " + as.token());
        }
        if (one.body() != null) {
            spec = spec.contentType(one.contentType()).body(one.body());
        }
        return spec;
    }

    private static void check(Case one, Response response, Queue<String> serverErrors, Queue<String> shapeErrors) {
        int status = response.statusCode();
        if (status >= 500) {
            serverErrors.add(describe(one) + " -> " + status + " " + Attacks.abbreviate(response.asString()));
        } else if (status >= 400) {
            try {
                Attacks.errors(describe(one), response);
            } catch (AssertionError e) {
                shapeErrors.add(describe(one) + " -> " + status + " " + Attacks.abbreviate(response.asString()));
            }
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Case one) {
        return one.method().toUpperCase() + " " + OpenApiCases.abbreviate(one.path(), 120) + " [" + one.what() + "]";
    }
}
