package org.colloquy.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.colloquy.events.Topics;
import org.colloquy.platform.PlatformService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform as the launcher starts it: every service ready, the topics in place. */
@ExtendWith(RunningPlatform.class)
class PlatformIT {

    @Test
    void everyServiceAndTheGatewayAreReady() {
        for (PlatformService service : PlatformService.ALL) {
            given().baseUri(RunningPlatform.platform().config().managementUrl(service)).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    /**
     * Where the applications run on a JDK 25 ({@code COLLOQUY_JAVA_HOME}, opt-in), every one runs on it with its
     * ahead-of-time cache mapped: a cache the JVM rejected (another JVM build, another class path) would not be.
     */
    @Test
    void everyApplicationMapsItsAheadOfTimeCache() throws Exception {
        assumeTrue(RunningPlatform.platform().aheadOfTimeCaches(), "the applications run without caches");
        for (PlatformService service : PlatformService.ALL) {
            ProcessHandle process = RunningPlatform.platform().process(service).orElseThrow();
            assertThat(process.info().command().map(Path::of)).as(service.name())
                    .hasValue(Path.of(RunningPlatform.platform().applicationJava()).toRealPath());
            assertThat(Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps")))
                    .as("%s maps its cache", service.name()).contains("/target/quarkus-app/app.aot");
        }
    }

    @Test
    void usersRegisterAndAuthenticateThroughTheGateway() {
        String username = "platform-" + UUID.randomUUID().toString().substring(0, 8);
        String token = given().baseUri(RunningPlatform.baseUrl(PlatformService.GATEWAY))
                .contentType("application/json")
                .body(Map.of("user", Map.of("username", username, "email", username + "@example.org",
                        "password", "platform password")))
                .post("/api/users").then().statusCode(201).extract().path("user.token");

        given().baseUri(RunningPlatform.baseUrl(PlatformService.GATEWAY)).header("Authorization", "Token " + token)
                .get("/api/user").then().statusCode(200).body("user.username", equalTo(username))
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        given().baseUri(RunningPlatform.baseUrl(PlatformService.GATEWAY)).get("/api/profiles/{u}", username)
                .then().statusCode(200).body("profile.following", equalTo(false));
    }

    @Test
    void aFollowShowsInTheFeedOfAnotherServiceAtOnce() {
        String author = register("author");
        String reader = register("reader");
        String authorName = username(author);
        String slug = gateway().header("Authorization", "Token " + author)
                .body(Map.of("article", Map.of("title", "Über die Wärmewende " + UUID.randomUUID(),
                        "description", "Analyse", "body", "# Wärme\n\nText", "tagList", List.of("energie"))))
                .post("/api/articles").then().statusCode(201).extract().path("article.slug");

        for (int round = 0; round < 5; round++) {
            gateway().header("Authorization", "Token " + reader).post("/api/profiles/{u}/follow", authorName)
                    .then().statusCode(200);
            gateway().header("Authorization", "Token " + reader).get("/api/articles/feed")
                    .then().statusCode(200).body("articles.slug", hasItem(slug))
                    .body("articles[0].author.following", equalTo(true));
            gateway().header("Authorization", "Token " + reader).delete("/api/profiles/{u}/follow", authorName)
                    .then().statusCode(200);
            gateway().header("Authorization", "Token " + reader).get("/api/articles/feed")
                    .then().statusCode(200).body("articles.slug", not(hasItem(slug)));
        }
    }

    @Test
    void commentsWorkRightAfterPublishingAndVanishRightAfterDeletion() {
        String author = register("author");
        String reader = register("reader");
        for (int round = 0; round < 5; round++) {
            String slug = gateway().header("Authorization", "Token " + author)
                    .body(Map.of("article", Map.of("title", "Runde " + round + " " + UUID.randomUUID(),
                            "description", "d", "body", "b")))
                    .post("/api/articles").then().statusCode(201).extract().path("article.slug");

            gateway().header("Authorization", "Token " + reader)
                    .body(Map.of("comment", Map.of("body", "Sofort kommentiert")))
                    .post("/api/articles/{slug}/comments", slug).then().statusCode(201);
            gateway().get("/api/articles/{slug}/comments", slug).then().statusCode(200)
                    .body("comments.body", hasItem("Sofort kommentiert"));

            gateway().header("Authorization", "Token " + author).delete("/api/articles/{slug}", slug)
                    .then().statusCode(204);
            // for the one who deleted it: read-your-writes is the caller's (the gateway sends its positions along)
            gateway().header("Authorization", "Token " + author).get("/api/articles/{slug}/comments", slug).then()
                    .statusCode(404);
        }
    }

    private static io.restassured.specification.RequestSpecification gateway() {
        return given().baseUri(RunningPlatform.baseUrl(PlatformService.GATEWAY)).contentType("application/json");
    }

    /** Registers a new user through the gateway and returns the token. */
    private static String register(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return gateway().body(Map.of("user", Map.of("username", username, "email", username + "@example.org",
                "password", "platform password"))).post("/api/users").then().statusCode(201)
                .extract().path("user.token");
    }

    private static String username(String token) {
        return gateway().header("Authorization", "Token " + token).get("/api/user").then().statusCode(200)
                .extract().path("user.username");
    }

    @Test
    void contractTopicsExistWithThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RunningPlatform.platform().config().bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Set.copyOf(Topics.ALL)).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            topics.values().forEach(topic -> assertThat(topic.partitions()).hasSize(Topics.DEFAULT_PARTITIONS));
        }
    }

    @Test
    void eachServiceHasItsOwnDeadLetterTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RunningPlatform.platform().config().bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            PlatformService.BACKENDS.forEach(service ->
                    assertThat(names).contains(Topics.deadLetterTopic(service.name())));
        }
    }

    /** Retention as {@code Topics.config} decides it: the contract topics keep everything, dead letters 14 days. */
    @Test
    void everyTopicHasTheRetentionOfTheContract() throws Exception {
        List<String> topics = new ArrayList<>(Topics.ALL);
        PlatformService.BACKENDS.forEach(service -> topics.add(Topics.deadLetterTopic(service.name())));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RunningPlatform.platform().config().bootstrapServers()))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                Topics.config(topic).forEach((key, value) ->
                        assertThat(config.get(key).value()).as("%s %s", topic, key).isEqualTo(value));
            }
        }
    }
}
