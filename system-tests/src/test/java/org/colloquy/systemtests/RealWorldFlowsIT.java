package org.colloquy.systemtests;

import static org.colloquy.systemtests.Client.anonymous;
import static org.colloquy.systemtests.Client.article;
import static org.colloquy.systemtests.Client.as;
import static org.colloquy.systemtests.Client.register;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.colloquy.systemtests.Client.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RealWorld ("Conduit") API as a frontend uses it, through the gateway, with the status codes and error bodies
 * of the spec; and the cross-service read-your-writes cases, each 50 times in a row: a caller reads its own writes
 * (through the gateway's memory of its {@code Colloquy-Written} positions, or the header echoed by the client), and
 * what another caller created a moment ago is found at once (a replica miss waits for the end of the topic).
 */
@ExtendWith(RunningPlatform.class)
class RealWorldFlowsIT {

    /** Where a response's writes are on Kafka (messaging/README.md): what read-your-writes waits for. */
    private static final String WRITTEN = "Colloquy-Written";

    @Test
    void usersAndProfiles() {
        User anna = register("anna");
        User ben = register("ben");

        Client.login(anna);
        anonymous().body(Map.of("user", Map.of("email", anna.email(), "password", "wrong password")))
                .post("/api/users/login").then().statusCode(401).body("errors", notNullValue());
        anonymous().body(Map.of("user", Map.of("username", anna.username(), "email", "x-" + anna.email(),
                "password", Client.PASSWORD))).post("/api/users").then().statusCode(409)
                .body("errors.username", contains("has already been taken"));
        anonymous().body(Map.of("user", Map.of("username", "", "email", "", "password", ""))).post("/api/users")
                .then().statusCode(422).body("errors.username", notNullValue());
        anonymous().get("/api/user").then().statusCode(401).body("errors.token", contains("is missing"));
        as(anna).get("/api/user").then().statusCode(200).body("user.username", equalTo(anna.username()))
                .body("user.bio", nullValue());
        as(anna).body(Map.of("user", Map.of("bio", "Schreibt über Wärme"))).put("/api/user").then().statusCode(200)
                .body("user.bio", equalTo("Schreibt über Wärme"));

        anonymous().get("/api/profiles/{u}", anna.username()).then().statusCode(200)
                .body("profile.bio", equalTo("Schreibt über Wärme")).body("profile.following", equalTo(false));
        anonymous().get("/api/profiles/{u}", "nobody-" + UUID.randomUUID()).then().statusCode(404)
                .body("errors.profile", contains("not found"));
        as(ben).post("/api/profiles/{u}/follow", anna.username()).then().statusCode(200)
                .body("profile.following", equalTo(true));
        as(ben).delete("/api/profiles/{u}/follow", anna.username()).then().statusCode(200)
                .body("profile.following", equalTo(false));
        anonymous().post("/api/profiles/{u}/follow", anna.username()).then().statusCode(401);
    }

    @Test
    void articlesListsFeedFavoritesTagsAndComments() {
        User author = register("author");
        User reader = register("reader");
        String tag = "sys-" + UUID.randomUUID().toString().substring(0, 8);
        String first = article(author, "Erster Artikel " + UUID.randomUUID(), List.of(tag));
        String second = article(author, "Zweiter Artikel " + UUID.randomUUID(), List.of(tag, "andere"));

        anonymous().get("/api/articles?tag={t}", tag).then().statusCode(200)
                .body("articles.slug", contains(second, first)).body("articlesCount", equalTo(2));
        anonymous().get("/api/articles?author={a}&limit=1&offset=1", author.username()).then()
                .body("articles.slug", contains(first)).body("articlesCount", equalTo(2));
        anonymous().get("/api/tags").then().statusCode(200).body("tags", hasItem(tag));
        anonymous().get("/api/articles/{s}", first).then().statusCode(200)
                .body("article.author.username", equalTo(author.username()));

        as(reader).post("/api/articles/{s}/favorite", first).then().statusCode(200)
                .body("article.favorited", equalTo(true)).body("article.favoritesCount", equalTo(1));
        anonymous().get("/api/articles?favorited={u}", reader.username()).then()
                .body("articles.slug", contains(first));
        as(reader).delete("/api/articles/{s}/favorite", first).then().statusCode(200)
                .body("article.favoritesCount", equalTo(0));

        as(reader).post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
        as(reader).get("/api/articles/feed").then().statusCode(200).body("articles.slug", contains(second, first));

        as(reader).body(Map.of("article", Map.of("title", "Gekapert"))).put("/api/articles/{s}", first)
                .then().statusCode(403).body("errors.article", contains("forbidden"));
        String renamed = as(author).body(Map.of("article", Map.of("title", "Neuer Titel " + UUID.randomUUID())))
                .put("/api/articles/{s}", first).then().statusCode(200).extract().path("article.slug");

        int id = as(reader).body(Map.of("comment", Map.of("body", "Guter Punkt"))).post(
                "/api/articles/{s}/comments", renamed).then().statusCode(201).extract().path("comment.id");
        anonymous().get("/api/articles/{s}/comments", renamed).then().statusCode(200)
                .body("comments.body", contains("Guter Punkt"));
        as(author).delete("/api/articles/{s}/comments/{id}", renamed, id).then().statusCode(403);
        as(reader).delete("/api/articles/{s}/comments/{id}", renamed, id).then().statusCode(204);
        anonymous().get("/api/articles/{s}/comments", renamed).then().body("comments", empty());

        as(author).delete("/api/articles/{s}", second).then().statusCode(204);
        anonymous().get("/api/articles/{s}", second).then().statusCode(404).body("errors.article", notNullValue());
        anonymous().body(Map.of("article", Map.of("title", "x"))).post("/api/articles").then().statusCode(401);
        as(author).body(Map.of("article", Map.of("title", ""))).post("/api/articles").then().statusCode(422);
    }

    @Test
    void commentRightAfterCreatingAnArticle50Times() {
        User author = register("author50");
        User reader = null;
        for (int round = 0; round < 50; round++) {
            if (round % 5 == 0) {
                reader = register("reader50"); // the default rate limit allows 5 comments a minute per user
            }
            String slug = article(author, "Runde " + round + " " + UUID.randomUUID(), List.of());
            as(reader).body(Map.of("comment", Map.of("body", "Sofort " + round)))
                    .post("/api/articles/{s}/comments", slug).then().statusCode(201);
        }
    }

    @Test
    void feedAndFollowingRightAfterAFollow50Times() {
        User reader = register("follower50");
        for (int round = 0; round < 50; round++) {
            User author = register("followed50");
            String slug = article(author, "Folgen " + round + " " + UUID.randomUUID(), List.of());
            as(reader).post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
            as(reader).get("/api/articles/feed?limit=1").then().statusCode(200)
                    .body("articles.slug", contains(slug))
                    .body("articles[0].author.following", equalTo(true));
        }
    }

    @Test
    void commentsGoneRightAfterTheArticleIsDeleted50Times() {
        User author = register("deleter50");
        User commenter = null;
        for (int round = 0; round < 50; round++) {
            if (round % 5 == 0) {
                commenter = register("commenter50"); // the default rate limit allows 5 comments a minute per user
            }
            String slug = article(author, "Weg " + round + " " + UUID.randomUUID(), List.of());
            as(commenter).body(Map.of("comment", Map.of("body", "Gleich weg"))).post("/api/articles/{s}/comments", slug)
                    .then().statusCode(201);
            String written = as(author).delete("/api/articles/{s}", slug).then().statusCode(204)
                    .header(WRITTEN, notNullValue()).extract().header(WRITTEN);
            // the writer reads its write (the gateway remembers its positions), and so does whoever it passes them on
            // to
            as(author).get("/api/articles/{s}/comments", slug).then().statusCode(404);
            anonymous().header(WRITTEN, written).get("/api/articles/{s}/comments", slug).then().statusCode(404);
            anonymous().get("/api/articles?author={a}", author.username()).then()
                    .body("articles.slug", not(hasItem(slug)));
        }
    }
}
