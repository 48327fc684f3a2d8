package org.colloquy.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.article.Writers.article;
import static org.colloquy.article.Writers.newWriter;
import static org.colloquy.article.Writers.unique;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** Creating, reading, updating and deleting articles; slugs; limits; who may do what. */
@QuarkusTest
@ArticleServiceTest
class ArticleApiTest {

    @Test
    void createdArticleHasTheRealWorldShape() {
        TestUser writer = newWriter("anna");
        String title = unique("Wärmepumpen im Altbau");

        as(writer).body(Map.of("article", article(title, List.of("energie", "altbau", "heizung"))))
                .post("/api/articles")
                .then().statusCode(201)
                .body("article.title", equalTo(title))
                .body("article.description", equalTo("Worum es geht"))
                .body("article.body", equalTo("# " + title + "\n\nText mit Umlauten: äöü ÄÖÜ ß."))
                .body("article.tagList", contains("energie", "altbau", "heizung"))
                .body("article.createdAt", notNullValue())
                .body("article.updatedAt", notNullValue())
                .body("article.favorited", equalTo(false))
                .body("article.favoritesCount", equalTo(0))
                .body("article.commentsCount", equalTo(0))
                .body("article.status", equalTo("published"))
                .body("article.author.username", equalTo(writer.username()))
                .body("article.author.following", equalTo(false));
    }

    @Test
    void longGermanArticleRoundTripsByteForByte() {
        TestUser writer = newWriter("analyse");
        String body = germanAnalysis();
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(12_000);
        Map<String, Object> article = article(unique("Die Energiewende – eine Bilanz"), List.of("analyse"));
        article.put("body", body);
        article.put("language", "de-DE");

        String slug = as(writer).body(Map.of("article", article)).post("/api/articles")
                .then().statusCode(201).extract().path("article.slug");

        String stored = anonymous().get("/api/articles/{slug}", slug).then().statusCode(200)
                .body("article.language", equalTo("de-DE")).extract().path("article.body");
        assertThat(stored).isEqualTo(body);
    }

    @Test
    void slugsAreTransliteratedAndUniqueWithASuffix() {
        TestUser writer = newWriter("slugs");
        String marker = java.util.UUID.randomUUID().toString().substring(0, 6);
        String title = "Über Wärmepumpen: Straße & Café " + marker;

        String first = Writers.publish(writer, title, List.of());
        String second = Writers.publish(writer, title, List.of());

        assertThat(first).isEqualTo("ueber-waermepumpen-strasse-cafe-" + marker);
        assertThat(second).isEqualTo(first + "-2");
    }

    @Test
    void newTitleGivesANewSlugAndTheOldOneStillResolvesAndIsNeverReused() {
        TestUser writer = newWriter("rename");
        String oldTitle = unique("Erster Titel");
        String oldSlug = Writers.publish(writer, oldTitle, List.of());

        String newSlug = as(writer).body(Map.of("article", Map.of("title", unique("Zweiter Titel"))))
                .put("/api/articles/{slug}", oldSlug).then().statusCode(200).extract().path("article.slug");

        assertThat(newSlug).isNotEqualTo(oldSlug).startsWith("zweiter-titel");
        anonymous().get("/api/articles/{slug}", oldSlug).then().statusCode(200)
                .body("article.slug", equalTo(newSlug));
        assertThat(Writers.publish(newWriter("other"), oldTitle, List.of())).isEqualTo(oldSlug + "-2");
    }

    @Test
    void updateKeepsOmittedTagsClearsOnEmptyAndRejectsNull() {
        TestUser writer = newWriter("tags");
        String slug = Writers.publish(writer, unique("Tags"), List.of("a", "b"));

        as(writer).body(Map.of("article", Map.of("description", "neu"))).put("/api/articles/{slug}", slug)
                .then().statusCode(200).body("article.tagList", contains("a", "b"))
                .body("article.description", equalTo("neu"));
        as(writer).body("{\"article\":{\"tagList\":null}}").put("/api/articles/{slug}", slug)
                .then().statusCode(422).body("errors.tagList", notNullValue());
        as(writer).body(Map.of("article", Map.of("tagList", List.of()))).put("/api/articles/{slug}", slug)
                .then().statusCode(200).body("article.tagList", empty());
    }

    @Test
    void onlyTheAuthorMayEditPublishOrDelete() {
        TestUser writer = newWriter("owner");
        TestUser stranger = newWriter("stranger");
        String slug = Writers.publish(writer, unique("Meins"), List.of());

        as(stranger).body(Map.of("article", Map.of("title", "Deins"))).put("/api/articles/{slug}", slug)
                .then().statusCode(403).body("errors.article", contains("forbidden"));
        as(stranger).delete("/api/articles/{slug}", slug).then().statusCode(403);
        as(stranger).post("/api/articles/{slug}/unpublish", slug).then().statusCode(403);
        anonymous().delete("/api/articles/{slug}", slug).then().statusCode(401);
        anonymous().body(Map.of("article", article("x", List.of()))).post("/api/articles").then().statusCode(401);
    }

    @Test
    void deletedArticleIsGone() {
        TestUser writer = newWriter("deleter");
        String slug = Writers.publish(writer, unique("Kurzlebig"), List.of());

        as(writer).delete("/api/articles/{slug}", slug).then().statusCode(204);

        anonymous().get("/api/articles/{slug}", slug).then().statusCode(404)
                .body("errors.article", contains("not found"));
        as(writer).delete("/api/articles/{slug}", slug).then().statusCode(404);
    }

    @Test
    void limitsAreEnforcedWithA422PerField() {
        TestUser writer = newWriter("limits");
        Map<String, Object> tooMuch = article("t".repeat(301), Collections.nCopies(21, "tag"));
        tooMuch.put("description", "d".repeat(1001));
        tooMuch.put("body", "ä".repeat(102_401));
        as(writer).body(Map.of("article", tooMuch)).post("/api/articles")
                .then().statusCode(422)
                .body("errors.title", contains("must be at most 300 characters"))
                .body("errors.description", contains("must be at most 1000 characters"))
                .body("errors.body", contains("must be at most 204800 bytes"))
                .body("errors.tagList", contains("must have at most 20 tags"));
        as(writer).body(Map.of("article", article("Lange Tags", List.of("x".repeat(51))))).post("/api/articles")
                .then().statusCode(422).body("errors.tagList", contains("tags must be at most 50 characters"));
        Map<String, Object> blank = article("", List.of());
        blank.put("language", "not a language!");
        as(writer).body(Map.of("article", blank)).post("/api/articles")
                .then().statusCode(422).body("errors.title", contains("can't be blank"))
                .body("errors.language", notNullValue());
        anonymous().get("/api/articles?limit=101").then().statusCode(422).body("errors.limit", notNullValue());
        anonymous().get("/api/articles?offset=-1").then().statusCode(422).body("errors.offset", notNullValue());
        anonymous().get("/api/articles?limit=abc").then().statusCode(422);
    }

    /** About 12 KB of German long-form text with headings, lists, sources and umlauts throughout. */
    static String germanAnalysis() {
        List<String> parts = new ArrayList<>();
        parts.add("> Teaser: Warum die Wärmewende über Erfolg oder Misserfolg entscheidet.\n");
        for (int section = 1; section <= 25; section++) {
            parts.add("## Abschnitt " + section + ": Größenordnungen und Förderung\n");
            parts.add("Die Bundesregierung hat für Gebäude ein Ziel formuliert, das für Eigentümerinnen und Eigentümer "
                    + "erhebliche Investitionen bedeutet. Über die Höhe der Zuschüsse wird heftig gestritten; "
                    + "Fachleute schätzen den Bedarf auf mehrere Milliarden Euro jährlich. Außerdem fehlen "
                    + "Handwerksbetriebe, die Wärmepumpen fachgerecht einbauen können.\n");
            parts.add("* Überblick über Kosten\n* Förderquoten für Härtefälle\n* Ökobilanz im Vergleich\n");
        }
        parts.add("### Quellen\n1. Umweltbundesamt, Bericht zur Gebäudeenergie\n2. Öko-Institut, Studie Wärme\n");
        parts.add("_Hinweis: Dieser Text entstand mit KI-Unterstützung und wurde redaktionell geprüft._\n");
        return String.join("\n", parts);
    }
}
