package org.colloquy.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.colloquy.events.WrittenPositions;

/** Requests to the service under test, as clients send them through the gateway. */
public final class Requests {

    /** JSON in and out, no caller. */
    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /**
     * No caller, but a client that wrote the events this test JVM published (their Colloquy-Written positions), as
     * the gateway says for a caller who wrote them: reads from the replicas wait for them (read-your-writes).
     */
    public static RequestSpecification anonymous() {
        WrittenPositions written = KafkaTestClient.written();
        return written.isEmpty() ? json() : json().header(WrittenPositions.HEADER, written.header());
    }

    /** {@link #anonymous()} with the user's token. */
    public static RequestSpecification as(TestUser user) {
        return withToken(anonymous(), user.token());
    }

    public static RequestSpecification withToken(RequestSpecification request, String token) {
        return request.header("Authorization", "Token " + token);
    }

    private Requests() {
    }
}
