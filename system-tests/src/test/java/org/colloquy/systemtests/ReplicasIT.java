package org.colloquy.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.systemtests.Client.anonymous;
import static org.colloquy.systemtests.Client.as;
import static org.colloquy.systemtests.Client.register;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformService;
import org.colloquy.platform.ServiceInstance;
import org.colloquy.systemtests.Client.User;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only exists with several instances of a service: work that must happen once although every instance could do
 * it, and news that must reach a client whichever instance it is connected to. (Killing one instance under load is a
 * phase of the fault suite.)
 */
@ExtendWith(RunningPlatform.class)
class ReplicasIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final LocalPlatform platform = RunningPlatform.platform();

    @BeforeEach
    void needsReplicas() {
        Assumptions.assumeTrue(RunningPlatform.replicas() > 1, "needs two or more instances of each service");
    }

    /**
     * One instance's consumer writes the notification and signals it with NOTIFY; every instance LISTENs, so a
     * stream connected to either instance gets it.
     */
    @Test
    void aLiveStreamOnEveryInstanceHearsANotificationWhicheverInstanceWroteIt() throws Exception {
        User followed = register("popular");
        User fan = register("fan");
        List<LiveStream> streams = new ArrayList<>();
        try {
            for (ServiceInstance instance : platform.config().instances(PlatformService.NOTIFICATION)) {
                streams.add(LiveStream.open(platform.config().baseUrl(instance), followed));
            }

            as(fan).post("/api/profiles/{u}/follow", followed.username()).then().statusCode(200);

            for (LiveStream stream : streams) {
                assertThat(stream.next(DEADLINE)).as("event on a stream of %s", followed.username()).isNotNull()
                        .contains("\"type\":\"follower\"").contains(fan.username());
            }
        } finally {
            for (LiveStream stream : streams) {
                stream.close();
            }
        }
    }

    /** Every instance of article-service runs the scheduler; the row lock lets exactly one of them publish. */
    @Test
    void aScheduledArticleIsPublishedAndAnnouncedOnceThoughEveryInstanceRunsTheScheduler() {
        User author = register("planner");
        String slug = as(author).body(Map.of("article", Map.of("title", "Geplant " + UUID.randomUUID(),
                        "description", "Erscheint gleich", "body", "Text", "publishAt",
                        Instant.now().plusSeconds(3).toString())))
                .post("/api/articles").then().statusCode(201).extract().path("article.slug");
        anonymous().get("/api/articles/{s}", slug).then().statusCode(404);

        await().atMost(DEADLINE).until(() -> anonymous().get("/api/articles/{s}", slug).statusCode() == 200);

        PlatformState state = new PlatformState(platform);
        String articleId = state.articleId(slug).toString();
        String published = EventCatalog.of(ArticlePublished.class).type();
        await().atMost(DEADLINE).ignoreExceptions().until(state::settled);
        assertThat(state.readRaw(Topics.ARTICLE_EVENTS).stream()
                .filter(record -> articleId.equals(record.key()))
                .filter(record -> published.equals(PlatformState.header(record, "ce_type"))))
                .as("ArticlePublished events of the scheduled article").hasSize(1);
    }
}
