package org.colloquy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.colloquy.events.WrittenPositions;
import org.junit.jupiter.api.Test;

/** The gateway remembers each caller's Colloquy-Written positions and sends them with that caller's requests only. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class CallerWritesTest {

    private static final String HEADER = WrittenPositions.HEADER;

    @Test
    void aCallersWritesGoWithItsNextRequestsAndReachTheClient() {
        String anna = token(UUID.randomUUID().toString());
        given().header("Authorization", "Token " + anna).queryParam("written", "article.events:1:57")
                .post("/api/articles/created").then().statusCode(201).header(HEADER, "article.events:1:57");

        as(anna).get("/api/articles/some-slug/comments").then().body("service", equalTo("comment-service"))
                .body("written", equalTo("article.events:1:57"));
        as(anna).get("/api/tags").then().body("written", equalTo("article.events:1:57"));
    }

    @Test
    void aRenewedTokenOfTheSameUserStillMatches() {
        String user = UUID.randomUUID().toString();
        given().header("Authorization", "Token " + token(user)).queryParam("written", "user.events:0:12")
                .put("/api/user").then().statusCode(200);

        given().header("Authorization", "Bearer " + token(user)).get("/api/tags").then()
                .body("written", equalTo("user.events:0:12"));
    }

    @Test
    void oneCallersWritesAreNeverSentForAnother() {
        String anna = token(UUID.randomUUID().toString());
        String ben = token(UUID.randomUUID().toString());
        as(anna).queryParam("written", "user.events:2:99").post("/api/profiles/x/follow").then().statusCode(200);

        as(ben).get("/api/tags").then().body("written", nullValue());
        given().get("/api/tags").then().body("written", nullValue());
        as(anna).get("/api/tags").then().body("written", equalTo("user.events:2:99"));
    }

    @Test
    void writesMergeToTheHighestPositionPerPartitionWithWhatTheClientSends() {
        String anna = token(UUID.randomUUID().toString());
        as(anna).queryParam("written", "article.events:0:5").post("/api/articles/created");
        as(anna).queryParam("written", "user.events:1:3,article.events:0:4").post("/api/articles/created");

        as(anna).header(HEADER, "comment.events:2:9,article.events:0:2").get("/api/tags").then()
                .body("written", equalTo("article.events:0:5,comment.events:2:9,user.events:1:3"));
    }

    @Test
    void withoutATokenOnlyWhatTheClientSendsIsPassedOnAndOnlyWhenValid() {
        given().queryParam("written", "user.events:0:4").post("/api/users").then().header(HEADER, "user.events:0:4");
        given().get("/api/tags").then().body("written", nullValue());

        given().header(HEADER, "user.events:0:4").get("/api/tags").then().body("written", equalTo("user.events:0:4"));
        given().header(HEADER, "garbage,user.events:0:-4").get("/api/tags").then().body("written", nullValue());
        given().header(HEADER, "user.events:0:4,".repeat(200)).get("/api/tags").then().statusCode(200)
                .body("written", nullValue()); // over 2 KB: ignored as a whole
    }

    @Test
    void aTokenThatIsNoJwtGetsNoMemory() {
        given().header("Authorization", "Token abc").queryParam("written", "user.events:0:8")
                .post("/api/articles/created").then().statusCode(201);

        given().header("Authorization", "Token abc").get("/api/tags").then().body("written", nullValue());
        given().header("Authorization", "Token a.b.c").get("/api/tags").then().body("written", nullValue());
    }

    @Test
    void browsersMaySendTheHeaderAndReadIt() {
        given().header("Origin", "http://frontend.test").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,colloquy-written")
                .options("/api/tags").then().statusCode(200)
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase(HEADER));
        given().header("Origin", "http://frontend.test").queryParam("written", "user.events:0:1")
                .post("/api/articles/created").then().statusCode(201)
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase(HEADER));
    }

    @Test
    void positionsAreForgottenAfterTheWindow() {
        AtomicLong now = new AtomicLong();
        CallerWrites memory = new CallerWrites(Duration.ofSeconds(10), 100, now::get);
        memory.remember("anna", WrittenPositions.parse("user.events:0:5"));

        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(memory.recall("anna").header()).isEqualTo("user.events:0:5");
        memory.remember("anna", WrittenPositions.parse("user.events:1:2")); // a new write: the window starts again
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(memory.recall("anna").header()).isEqualTo("user.events:0:5,user.events:1:2");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(memory.recall("anna").isEmpty()).isTrue();
        assertThat(memory.size()).isZero();
    }

    @Test
    void theCallerWhoseLastWriteIsOldestIsForgottenFirst() {
        AtomicLong now = new AtomicLong();
        CallerWrites memory = new CallerWrites(Duration.ofSeconds(10), 3, now::get);
        for (String caller : new String[] {"a", "b", "c"}) {
            memory.remember(caller, WrittenPositions.parse("user.events:0:1"));
        }
        memory.remember("a", WrittenPositions.parse("user.events:0:2")); // a wrote again: b is now the oldest
        memory.remember("d", WrittenPositions.parse("user.events:0:1"));

        assertThat(memory.size()).isEqualTo(3);
        assertThat(memory.recall("b").isEmpty()).isTrue();
        assertThat(memory.recall("a").header()).isEqualTo("user.events:0:2");
        assertThat(memory.recall("c").isEmpty()).isFalse();
        assertThat(memory.recall("d").isEmpty()).isFalse();
    }

    @Test
    void theCallerIsTheSubjectOfAnyTokenThatDecodes() {
        assertThat(CallerWrites.caller("Token " + token("u-1"))).isEqualTo("u-1");
        assertThat(CallerWrites.caller("Bearer " + token("u-1"))).isEqualTo("u-1");
        assertThat(CallerWrites.caller(null)).isNull();
        assertThat(CallerWrites.caller("Token abc")).isNull();
        assertThat(CallerWrites.caller("Token a.!!!.c")).isNull();
        assertThat(CallerWrites.caller("Token " + base64("{}") + "." + base64("[1]") + ".x")).isNull();
        assertThat(CallerWrites.caller("Token " + base64("{}") + "." + base64("{\"sub\":7}") + ".x")).isNull();
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", "Token " + token);
    }

    /** An unsigned JWT with this subject: the gateway only reads it, the services verify it. */
    static String token(String subject) {
        return base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64("{\"sub\":\"" + subject
                + "\",\"iat\":" + System.nanoTime() + "}") + ".c2lnbmF0dXJl";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
