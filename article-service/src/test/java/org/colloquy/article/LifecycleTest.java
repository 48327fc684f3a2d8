package org.colloquy.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.colloquy.article.Writers.article;
import static org.colloquy.article.Writers.newWriter;
import static org.colloquy.article.Writers.unique;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** Drafts stay private, publish and unpublish, and scheduled articles publish themselves. */
@QuarkusTest
@ArticleServiceTest
class LifecycleTest {

    @Inject
    Pool pool;

    @Test
    void theFrontPageCountStaysExactThroughPublishUnpublishAndDelete() {
        long before = frontPageCount();
        assertThat(before).isEqualTo(publishedInDatabase());
        TestUser writer = newWriter("counter");
        String kept = Writers.publish(writer, unique("Bleibt"), List.of());
        String unpublished = Writers.publish(writer, unique("Zurückgezogen"), List.of());
        String deleted = Writers.publish(writer, unique("Gelöscht"), List.of());
        Map<String, Object> draft = article(unique("Später"), List.of());
        draft.put("status", "draft");
        String laterPublished = as(writer).body(Map.of("article", draft)).post("/api/articles")
                .then().statusCode(201).extract().path("article.slug");
        assertThat(frontPageCount()).isEqualTo(before + 3);

        as(writer).post("/api/articles/{slug}/unpublish", unpublished).then().statusCode(200);
        as(writer).delete("/api/articles/{slug}", deleted).then().statusCode(204);
        as(writer).post("/api/articles/{slug}/publish", laterPublished).then().statusCode(200);
        as(writer).post("/api/articles/{slug}/publish", laterPublished).then().statusCode(200); // no change twice

        assertThat(frontPageCount()).isEqualTo(before + 2).isEqualTo(publishedInDatabase());
        anonymous().get("/api/articles?limit=1").then().body("articles.slug", hasItem(laterPublished));
        anonymous().get("/api/articles/{slug}", kept).then().statusCode(200);
    }

    private static long frontPageCount() {
        return anonymous().get("/api/articles?limit=1").then().statusCode(200).extract()
                .<Integer> path("articlesCount");
    }

    private long publishedInDatabase() {
        return pool.query("select count(*) from article where status = 'published'").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    @Test
    void draftIsPrivateToItsAuthorUntilPublished() {
        TestUser writer = newWriter("drafter");
        TestUser reader = newWriter("reader");
        Map<String, Object> draft = article(unique("Entwurf"), List.of("entwurf-" + writer.id()));
        draft.put("status", "draft");

        String slug = as(writer).body(Map.of("article", draft)).post("/api/articles")
                .then().statusCode(201).body("article.status", equalTo("draft")).extract().path("article.slug");

        as(writer).get("/api/articles/{slug}", slug).then().statusCode(200);
        as(reader).get("/api/articles/{slug}", slug).then().statusCode(404);
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(404);
        anonymous().get("/api/articles?author={a}", writer.username()).then().body("articlesCount", equalTo(0));
        anonymous().get("/api/tags").then().body("tags", not(hasItem("entwurf-" + writer.id())));
        as(writer).get("/api/articles/drafts").then().statusCode(200).body("articles.slug", hasItem(slug));
        as(reader).post("/api/articles/{slug}/publish", slug).then().statusCode(404);

        as(writer).post("/api/articles/{slug}/publish", slug).then().statusCode(200)
                .body("article.status", equalTo("published"));

        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200);
        anonymous().get("/api/articles?author={a}", writer.username()).then().body("articlesCount", equalTo(1));
        as(writer).get("/api/articles/drafts").then().body("articles.slug", not(hasItem(slug)));
    }

    @Test
    void unpublishedArticleIsPrivateAgain() {
        TestUser writer = newWriter("unpublisher");
        String slug = Writers.publish(writer, unique("Zurückgezogen"), List.of());

        as(writer).post("/api/articles/{slug}/unpublish", slug).then().statusCode(200)
                .body("article.status", equalTo("draft"));

        anonymous().get("/api/articles/{slug}", slug).then().statusCode(404);
        as(writer).get("/api/articles/drafts").then().body("articles.slug", hasItem(slug));
    }

    @Test
    void scheduledArticlePublishesItselfWhenItsTimeComes() {
        TestUser writer = newWriter("scheduler");
        Map<String, Object> scheduled = article(unique("Geplant"), List.of());
        scheduled.put("publishAt", Instant.now().plusSeconds(2).toString());

        String slug = as(writer).body(Map.of("article", scheduled)).post("/api/articles")
                .then().statusCode(201).body("article.status", equalTo("scheduled"))
                .extract().path("article.slug");
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(404);
        as(writer).get("/api/articles/drafts").then().body("articles.slug", hasItem(slug));

        await().atMost(Duration.ofSeconds(15)).until(() ->
                anonymous().get("/api/articles/{slug}", slug).statusCode() == 200);
        anonymous().get("/api/articles/{slug}", slug).then().body("article.status", equalTo("published"));
    }

    @Test
    void publishAtInThePastPublishesAtOnce() {
        TestUser writer = newWriter("late");
        Map<String, Object> late = article(unique("Verspätet"), List.of());
        late.put("publishAt", Instant.now().minusSeconds(60).toString());

        as(writer).body(Map.of("article", late)).post("/api/articles")
                .then().statusCode(201).body("article.status", equalTo("published"));
    }
}
