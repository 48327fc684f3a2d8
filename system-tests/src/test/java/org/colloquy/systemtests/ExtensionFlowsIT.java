package org.colloquy.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.systemtests.Client.anonymous;
import static org.colloquy.systemtests.Client.article;
import static org.colloquy.systemtests.Client.as;
import static org.colloquy.systemtests.Client.register;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.platform.PlatformService;
import org.colloquy.systemtests.Client.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extensions end to end: drafts, live notifications, moderation and bans, across all services. */
@ExtendWith(RunningPlatform.class)
class ExtensionFlowsIT {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void publishingADraftNotifiesTheAuthorsFollowers() {
        User author = register("drafter");
        User follower = register("fan");
        as(follower).post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
        String slug = as(author).body(Map.of("article", Map.of("title", "Entwurf " + UUID.randomUUID(),
                "description", "d", "body", "b", "status", "draft"))).post("/api/articles").then().statusCode(201)
                .extract().path("article.slug");
        anonymous().get("/api/articles/{s}", slug).then().statusCode(404);

        as(author).post("/api/articles/{s}/publish", slug).then().statusCode(200);

        await().atMost(DEADLINE).until(() -> as(follower).get("/api/notifications").then().extract()
                .jsonPath().getList("notifications.article.slug").contains(slug));
        as(follower).get("/api/notifications").then().body("notifications.type", hasItem("article"));
    }

    @Test
    void aReplyReachesTheParentAuthorOverTheLiveStream() throws Exception {
        User author = register("author");
        User parentAuthor = register("asker");
        User replier = register("answerer");
        String slug = article(author, "Diskussion " + UUID.randomUUID(), List.of());
        int parent = as(parentAuthor).body(Map.of("comment", Map.of("body", "Eine Frage"))).post(
                "/api/articles/{s}/comments", slug).then().statusCode(201).extract().path("comment.id");

        try (LiveStream stream = LiveStream.open(RunningPlatform.baseUrl(PlatformService.GATEWAY), parentAuthor)) {
            as(replier).body(Map.of("comment", Map.of("body", "Eine Antwort", "parentId", parent)))
                    .post("/api/articles/{s}/comments", slug).then().statusCode(201);

            String event = stream.next(DEADLINE);
            assertThat(event).isNotNull().contains("\"type\":\"reply\"").contains(replier.username());
        }
    }

    @Test
    void aHeldCommentIsAnnouncedOnlyOnceAModeratorApprovesIt() {
        User moderator = Client.moderator();
        User author = register("author");
        User writer = register("writer");
        String slug = article(author, "Moderiert " + UUID.randomUUID(), List.of());
        Map<String, Object> settings = as(moderator).get("/api/moderation/settings").then().statusCode(200)
                .extract().path("settings");
        as(moderator).body(Map.of("settings", Map.of("mode", "all", "bannedWords", List.of(), "suspectWords",
                List.of(), "maxLinks", 3, "commentsPerMinute", 5, "flagsToHold", 3, "editWindowSeconds", 900)))
                .put("/api/moderation/settings").then().statusCode(200);
        try {
            int id = as(writer).body(Map.of("comment", Map.of("body", "Bitte prüfen"))).post(
                    "/api/articles/{s}/comments", slug).then().statusCode(201)
                    .body("comment.status", equalTo("pending")).extract().path("comment.id");
            anonymous().get("/api/articles/{s}/comments", slug).then().body("comments.id", not(hasItem(id)));

            as(moderator).post("/api/moderation/comments/{id}/approve", id).then().statusCode(200);

            anonymous().get("/api/articles/{s}/comments", slug).then().body("comments.id", hasItem(id));
            await().atMost(DEADLINE).until(() -> as(author).get("/api/notifications").then().extract()
                    .jsonPath().getList("notifications.type").contains("comment"));
            await().atMost(DEADLINE).until(() -> as(writer).get("/api/notifications").then().extract()
                    .jsonPath().getList("notifications.type").contains("moderation"));
        } finally {
            as(moderator).body(Map.of("settings", settings)).put("/api/moderation/settings").then().statusCode(200);
        }
    }

    @Test
    void aBannedUserCannotComment() {
        User moderator = Client.moderator();
        User troll = register("troll");
        String slug = article(register("author"), "Bann " + UUID.randomUUID(), List.of());

        as(moderator).body(Map.of("ban", Map.of("reason", "Spam"))).post("/api/moderation/users/{u}/ban",
                troll.username()).then().statusCode(200);

        as(troll).body(Map.of("comment", Map.of("body", "Trotzdem"))).post("/api/articles/{s}/comments", slug)
                .then().statusCode(403);
    }
}
