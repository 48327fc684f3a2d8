package org.colloquy.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.colloquy.platform.PlatformService;

/** A frontend's view of the platform: everything goes through the gateway. */
final class Client {

    static final String PASSWORD = "system test password";

    record User(String username, String email, String token) {
    }

    static RequestSpecification anonymous() {
        return given().baseUri(RunningPlatform.baseUrl(PlatformService.GATEWAY)).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(2);

    /**
     * Another client machine, as the gateway sees it: requests leave from a loopback address of their own
     * (127.0.0.2, .3, ...; Linux routes all of 127.0.0.0/8 to lo), so per-address limits that one test exhausts do
     * not throttle the other tests, which all come from 127.0.0.1.
     */
    static InetAddress newClientAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        try {
            InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, (byte) (n / 250),
                    (byte) (2 + n % 250)});
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.bind(new java.net.InetSocketAddress(address, 0));
                return address;
            } catch (java.io.IOException notConfigured) {
                // macOS configures only 127.0.0.1 on lo0: all attacks then share one address and its limits
                return InetAddress.getLoopbackAddress();
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestSpecification from(InetAddress clientAddress) {
        return anonymous().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", clientAddress)));
    }

    static RequestSpecification as(User user) {
        return anonymous().header("Authorization", "Token " + user.token());
    }

    static User register(String prefix) {
        return registerAs(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static User registerAs(String username) {
        String email = username + "@example.org";
        String token = anonymous().body(Map.of("user", Map.of("username", username, "email", email,
                "password", PASSWORD))).post("/api/users").then().statusCode(201).extract().path("user.token");
        return new User(username, email, token);
    }

    static User login(User user) {
        String token = anonymous().body(Map.of("user", Map.of("email", user.email(), "password", PASSWORD)))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");
        return new User(user.username(), user.email(), token);
    }

    /** The test platform's initial admin (registered on first use). */
    static synchronized User admin() {
        User admin = new User(RunningPlatform.ADMIN, RunningPlatform.ADMIN + "@example.org", null);
        String token = anonymous().body(Map.of("user", Map.of("email", admin.email(), "password", PASSWORD)))
                .post("/api/users/login").then().extract().path("user.token");
        return token != null ? new User(admin.username(), admin.email(), token)
                : registerAs(RunningPlatform.ADMIN);
    }

    static User moderator() {
        User user = register("moderator");
        as(admin()).body(Map.of("roles", List.of("moderator"))).put("/api/admin/users/{u}/roles", user.username())
                .then().statusCode(200);
        return login(user);
    }

    static String article(User author, String title, List<String> tags) {
        return as(author).body(Map.of("article", Map.of("title", title, "description", "Beschreibung",
                "body", "# " + title + "\n\nText", "tagList", tags)))
                .post("/api/articles").then().statusCode(201).extract().path("article.slug");
    }

    private Client() {
    }
}
