package org.colloquy.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
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
            given().baseUri(RunningPlatform.baseUrl(service)).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
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
}
