package org.colloquy.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.article.Writers.newWriter;
import static org.colloquy.article.Writers.unique;
import static org.colloquy.testing.Requests.anonymous;
import static org.colloquy.testing.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/** Lists with every filter and pagination, favorites, tags, and the feed right after a follow. */
@QuarkusTest
@ArticleServiceTest
class ListsAndFeedTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Test
    void listIsNewestFirstPaginatedFilteredAndWithoutBodies() {
        TestUser writer = newWriter("lister");
        String tag = "liste-" + writer.id().substring(0, 8);
        String first = Writers.publish(writer, unique("Eins"), List.of(tag));
        String second = Writers.publish(writer, unique("Zwei"), List.of(tag, "anderes"));
        String third = Writers.publish(writer, unique("Drei"), List.of());

        anonymous().get("/api/articles?author={a}", writer.username()).then().statusCode(200)
                .body("articlesCount", equalTo(3))
                .body("articles.slug", contains(third, second, first))
                .body("articles", everyItem(not(hasKey("body"))));
        anonymous().get("/api/articles?author={a}&limit=1&offset=1", writer.username())
                .then().body("articlesCount", equalTo(3)).body("articles.slug", contains(second));
        anonymous().get("/api/articles?tag={t}", tag).then()
                .body("articlesCount", equalTo(2)).body("articles.slug", contains(second, first));
        anonymous().get("/api/articles?tag={t}&author={a}", tag, "nobody-" + writer.id())
                .then().body("articlesCount", equalTo(0));
        anonymous().get("/api/tags").then().statusCode(200).body("tags", hasItem(tag));
    }

    @Test
    void favoritesAreCountedOncePerReaderAndFilterable() {
        TestUser writer = newWriter("favored");
        TestUser reader = newWriter("fan");
        Writers.registered(kafka, reader, null); // the favorited filter names readers by username
        String slug = Writers.publish(writer, unique("Lieblingsartikel"), List.of());

        as(reader).post("/api/articles/{slug}/favorite", slug).then().statusCode(200)
                .body("article.favorited", equalTo(true)).body("article.favoritesCount", equalTo(1));
        as(reader).post("/api/articles/{slug}/favorite", slug).then().statusCode(200)
                .body("article.favoritesCount", equalTo(1));
        anonymous().get("/api/articles/{slug}", slug).then().body("article.favorited", equalTo(false))
                .body("article.favoritesCount", equalTo(1));
        as(reader).get("/api/articles?favorited={u}", reader.username()).then()
                .body("articles.slug", contains(slug)).body("articles[0].favorited", equalTo(true));
        String other = Writers.publish(writer, unique("Nicht favorisiert"), List.of());
        // one page, the reader's flags per article: only the favorited one is marked
        as(reader).get("/api/articles?author={a}", writer.username()).then()
                .body("articles.slug", contains(other, slug)).body("articles.favorited", contains(false, true));
        anonymous().get("/api/articles?author={a}", writer.username()).then()
                .body("articles.favorited", contains(false, false));

        as(reader).delete("/api/articles/{slug}/favorite", slug).then().statusCode(200)
                .body("article.favorited", equalTo(false)).body("article.favoritesCount", equalTo(0));
        anonymous().get("/api/articles?favorited={u}", reader.username()).then().body("articlesCount", equalTo(0));
        as(reader).post("/api/articles/{slug}/favorite", "no-such-article").then().statusCode(404);
    }

    @Test
    void feedAndFollowingFlagsReflectAFollowImmediately() {
        TestUser author = newWriter("followed");
        TestUser reader = newWriter("follower");
        String slug = Writers.publish(author, unique("Für Folgende"), List.of());
        as(reader).get("/api/articles/feed").then().statusCode(200).body("articles.slug", not(hasItem(slug)));

        Writers.follows(kafka, reader, author);

        // no waiting here: the service catches up with user.events before it answers
        as(reader).get("/api/articles/feed").then().statusCode(200)
                .body("articles.slug", contains(slug)).body("articlesCount", equalTo(1))
                .body("articles[0].author.following", equalTo(true));
        as(reader).get("/api/articles/{slug}", slug).then().body("article.author.following", equalTo(true));
        anonymous().get("/api/articles/feed").then().statusCode(401);
    }

    @Test
    void aRedeliveredUserEventIsNotAppliedAgain() {
        TestUser author = newWriter("redelivered");
        String slug = Writers.publish(author, unique("Zweimal"), List.of());
        var first = new org.colloquy.events.user.UserProfileUpdated(author.id(), author.username(), "alt", null);
        String firstId = kafka.publish(first);
        kafka.publish(new org.colloquy.events.user.UserProfileUpdated(author.id(), author.username(),
                "neu", null));
        kafka.publish(first, firstId); // the first event again, after the newer one

        as(newWriter("viewer")).get("/api/articles/{slug}", slug).then().body("article.author.bio", equalTo("neu"));
    }

    @Test
    void authorProfilesComeFromUserEvents() {
        TestUser author = newWriter("profiled");
        String slug = Writers.publish(author, unique("Mit Profil"), List.of());
        Writers.registered(kafka, author, "Journalistin aus Köln");
        kafka.publish(new org.colloquy.events.user.UserProfileUpdated(author.id(), author.username(),
                "Journalistin aus Köln", "https://example.org/a.png"));

        as(newWriter("viewer")).get("/api/articles/{slug}", slug).then()
                .body("article.author.bio", equalTo("Journalistin aus Köln"))
                .body("article.author.image", equalTo("https://example.org/a.png"));
        assertThat(slug).isNotBlank();
    }
}
