package org.colloquy.article;

import static org.colloquy.article.Writers.article;
import static org.colloquy.article.Writers.newWriter;
import static org.colloquy.article.Writers.unique;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** Input that once reached PostgreSQL or an event unchecked: a field-keyed 422, never a 500. */
@QuarkusTest
@ArticleServiceTest
class BadInputTest {

    private static final String NUL = "must not contain NUL characters";

    @Test
    void aTwoMegabyteLanguageIsRefused() {
        Map<String, Object> article = article(unique("Sprache"), List.of());
        article.put("language", "de-" + "x".repeat(2 * 1024 * 1024));

        as(newWriter("lang")).body(Map.of("article", article)).post("/api/articles")
                .then().statusCode(422).body("errors.language", contains("must be at most 35 characters"));
    }

    @Test
    void aLanguageThatIsNoTagIsRefused() {
        Map<String, Object> article = article(unique("Sprache"), List.of());
        article.put("language", "de CH");

        as(newWriter("lang")).body(Map.of("article", article)).post("/api/articles")
                .then().statusCode(422).body("errors.language", contains(
                        "must be a BCP 47 language tag such as 'de' or 'de-CH'"));
    }

    @Test
    void publishAtBeyondTenYearsIsRefusedAndNothingIsPublished() {
        TestUser writer = newWriter("zukunft");
        for (String far : List.of("+1000000000-12-31T23:59:59Z", "+294277-01-09T04:00:54Z",
                Instant.now().plusSeconds(11L * 366 * 24 * 3600).toString())) {
            Map<String, Object> article = article(unique("Zukunft"), List.of());
            article.put("publishAt", far);

            as(writer).body(Map.of("article", article)).post("/api/articles")
                    .then().statusCode(422).body("errors.publishAt", contains("must be at most 10 years ahead"));
        }
        as(writer).get("/api/articles/drafts").then().statusCode(200).body("articlesCount", org.hamcrest.Matchers
                .equalTo(0));
        anonymous().queryParam("author", writer.username()).get("/api/articles")
                .then().statusCode(200).body("articlesCount", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void publishAtBeyondWhatATimeCanBeIsUnreadable() {
        Map<String, Object> article = article(unique("Zukunft"), List.of());
        article.put("publishAt", "+1000000001-01-01T00:00:00Z");

        as(newWriter("zukunft")).body(Map.of("article", article)).post("/api/articles")
                .then().statusCode(422).body("errors.'article.publishAt'", contains(
                        "is not valid JSON for this request"));
    }

    @Test
    void aNulInABodyTextIsRefusedOnItsPath() {
        TestUser writer = newWriter("nul");
        as(writer).body(Map.of("article", article("Null\u0000zeichen", List.of()))).post("/api/articles")
                .then().statusCode(422).body("errors.'article.title'", contains(NUL));

        String slug = Writers.publish(writer, unique("Nullzeichen"), List.of());
        as(writer).body(Map.of("article", Map.of("body", "a\u0000b"))).put("/api/articles/{slug}", slug)
                .then().statusCode(422).body("errors.'article.body'", contains(NUL));
        as(writer).body(Map.of("article", Map.of("tagList", List.of("ok", "\u0000")))).put("/api/articles/{s}", slug)
                .then().statusCode(422).body("errors.'article.tagList[1]'", contains(NUL));
    }

    @Test
    void aNulInAQueryFilterIsRefusedOnItsParameter() {
        anonymous().urlEncodingEnabled(false).get("/api/articles?tag=a%00b")
                .then().statusCode(422).body("errors.tag", contains(NUL));
        anonymous().urlEncodingEnabled(false).get("/api/articles?author=%00")
                .then().statusCode(422).body("errors.author", contains(NUL));
    }

    @Test
    void aNulInAPathSegmentIsRefusedOnItsParameter() {
        anonymous().urlEncodingEnabled(false).get("/api/articles/a%00b")
                .then().statusCode(422).body("errors.slug", contains(NUL));
        as(newWriter("nul")).urlEncodingEnabled(false).post("/api/articles/a%00b/favorite")
                .then().statusCode(422).body("errors.slug", contains(NUL));
    }
}
