package org.colloquy.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.notification.People.as;
import static org.colloquy.notification.People.awaitUnread;
import static org.colloquy.notification.People.comment;
import static org.colloquy.notification.People.register;
import static org.colloquy.notification.People.unread;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Who is told what, driven by real events on the broker. "Nobody else" is checked after a later event of the same
 * key was handled: records of one key are consumed in order.
 */
@QuarkusTest
@NotificationServiceTest
class NotificationRulesTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @Test
    void aCommentNotifiesTheArticleAuthorButNeverTheActor() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(comment(article, 1, author, null, null, "Meine eigene Anmerkung", List.of()));
        kafka.publish(comment(article, 2, reader, null, null, "Danke für den Artikel", List.of()));

        awaitUnread(author, 1);
        // the title comes from the article replica, which another topic feeds: the notification waits for it
        as(author).get("/api/notifications").then().statusCode(200)
                .body("notifications[0].type", equalTo("comment"))
                .body("notifications[0].actor.username", equalTo(reader.username()))
                .body("notifications[0].article.slug", equalTo(article.slug()))
                .body("notifications[0].article.title", equalTo(article.title()))
                .body("notifications[0].comment.id", equalTo(2))
                .body("notifications[0].comment.excerpt", equalTo("Danke für den Artikel"))
                .body("notifications[0].readAt", equalTo(null));
        assertThat(unread(reader)).isZero();
    }

    @Test
    void anActorsNewNameAndImageShowInEarlierNotifications() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(comment(article, 3, reader, null, null, "Vor der Umbenennung", List.of()));
        awaitUnread(author, 1);

        String renamed = "renamed-" + reader.id().substring(0, 8);
        kafka.publish(new UserProfileUpdated(reader.id(), renamed, null, "https://example.org/neu.png"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> renamed.equals(
                as(author).get("/api/notifications").then().extract().path("notifications[0].actor.username")));
        as(author).get("/api/notifications").then().statusCode(200)
                .body("notifications[0].actor.image", equalTo("https://example.org/neu.png"));
    }

    @Test
    void replyAndMentionEachReachTheirPersonOnce() {
        TestUser author = register(kafka, "author");
        TestUser first = register(kafka, "first");
        TestUser replier = register(kafka, "replier");
        TestUser mentioned = register(kafka, "mentioned");
        // @mentions are resolved through the user replica, which user.events feed: the comment waits for them
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(comment(article, 10, first, null, null, "Frage", List.of()));
        kafka.publish(comment(article, 11, replier, 10L, first, "@" + mentioned.username() + " und @" + first.username()
                + " schaut mal", List.of(mentioned.username(), first.username())));
        // a mention of the article author, who would also get "comment": one notification, the mention
        kafka.publish(comment(article, 12, first, 11L, replier, "Antwort an den Autor", List.of(author.username())));

        awaitUnread(author, 3);
        assertThat(unread(first)).isEqualTo(1);
        as(first).get("/api/notifications").then().body("notifications.type", contains("reply"));
        assertThat(unread(mentioned)).isEqualTo(1);
        as(mentioned).get("/api/notifications").then().body("notifications.type", contains("mention"));
        as(replier).get("/api/notifications").then().body("notifications.type", contains("reply"));
        as(author).get("/api/notifications").then().body("notifications.type", contains("mention", "comment",
                "comment"));
    }

    @Test
    void aPublishedArticleNotifiesEveryFollowerOfItsAuthor() {
        TestUser author = register(kafka, "author");
        TestUser one = register(kafka, "one");
        TestUser two = register(kafka, "two");
        kafka.publish(new UserFollowed(one.id(), one.username(), author.id(), author.username()));
        kafka.publish(new UserFollowed(two.id(), two.username(), author.id(), author.username()));
        awaitUnread(author, 2);
        as(author).get("/api/notifications").then().body("notifications.type", contains("follower", "follower"))
                .body("notifications.actor.username", contains(two.username(), one.username()));

        ArticlePublished article = People.article(author);
        kafka.publish(article);

        awaitUnread(one, 1);
        awaitUnread(two, 1);
        as(one).get("/api/notifications").then().body("notifications[0].type", equalTo("article"))
                .body("notifications[0].article.title", equalTo(article.title()))
                .body("notifications[0].actor.username", equalTo(author.username()));
        assertThat(unread(author)).isEqualTo(2);
    }

    @Test
    void moderationOutcomesReachTheCommentAuthor() {
        TestUser author = register(kafka, "author");
        TestUser writer = register(kafka, "writer");
        TestUser moderator = register(kafka, "moderator");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(new CommentApproved(20, article.articleId(), writer.id(), moderator.id(), Instant.now()));
        kafka.publish(new CommentRejected(21, article.articleId(), writer.id(), moderator.id(), "Beleidigend",
                Instant.now()));
        kafka.publish(new CommentRejected(22, article.articleId(), moderator.id(), moderator.id(), "selbst",
                Instant.now()));

        awaitUnread(writer, 2);
        as(writer).get("/api/notifications").then().body("notifications.type", contains("moderation", "moderation"))
                .body("notifications.detail", contains("rejected: Beleidigend", "approved"));
        assertThat(unread(moderator)).isZero();
    }

    @Test
    void aHeldCommentIsNotAnnouncedUntilItIsApproved() {
        TestUser author = register(kafka, "author");
        TestUser writer = register(kafka, "writer");
        TestUser moderator = register(kafka, "moderator");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(new CommentHeldForReview(60, article.articleId(), writer.id(), "suspect-word", "Gewinnspiel",
                Instant.now()));
        kafka.publish(new CommentApproved(60, article.articleId(), writer.id(), moderator.id(), Instant.now()));

        awaitUnread(writer, 1); // the approval was handled, and the hold before it
        assertThat(unread(author)).isZero();

        kafka.publish(comment(article, 60, writer, null, null, "Nach der Freigabe", List.of()));
        awaitUnread(author, 1);
    }

    @Test
    void aRedeliveredEventNotifiesOnce() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        var posted = comment(article, 30, reader, null, null, "Doppelt geliefert", List.of());
        String eventId = kafka.publish(posted);
        kafka.publish(posted, eventId);
        kafka.publish(comment(article, 31, reader, null, null, "Danach", List.of()));

        awaitUnread(author, 2);
        as(author).get("/api/notifications").then().body("notifications.comment.id", contains(31, 30));
    }

    @Test
    void aCommentDeletedBeforeItWasReadIsWithdrawn() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished article = People.article(author);
        kafka.publish(article);
        kafka.publish(comment(article, 40, reader, null, null, "Gleich weg", List.of()));
        kafka.publish(new CommentDeleted(40, article.articleId(), true, Instant.now()));
        kafka.publish(comment(article, 41, reader, null, null, "Bleibt", List.of()));

        awaitUnread(author, 1);
        as(author).get("/api/notifications").then().body("notifications.comment.id", contains(41));
    }

    @Test
    void turnedOffTypesAndMutedArticlesAreNotNotified() {
        TestUser author = register(kafka, "author");
        TestUser reader = register(kafka, "reader");
        ArticlePublished muted = People.article(author);
        ArticlePublished open = People.article(author);
        kafka.publish(muted);
        kafka.publish(open);
        awaitArticles(author, muted, open);
        as(author).body(Map.of("preferences", Map.of("types", Map.of("follower", false),
                "mutedArticles", List.of(muted.slug())))).put("/api/notifications/preferences")
                .then().statusCode(200)
                .body("preferences.types.follower", equalTo(false))
                .body("preferences.types.comment", equalTo(true))
                .body("preferences.mutedArticles", contains(muted.slug()));

        kafka.publish(new UserFollowed(reader.id(), reader.username(), author.id(), author.username()));
        kafka.publish(comment(muted, 50, reader, null, null, "Stumm", List.of()));
        kafka.publish(comment(open, 51, reader, null, null, "Laut", List.of()));

        awaitUnread(author, 1);
        as(author).get("/api/notifications").then().body("notifications.comment.id", contains(51));
        as(author).body(Map.of("preferences", Map.of("types", Map.of("nonsense", true))))
                .put("/api/notifications/preferences").then().statusCode(422);
    }

    /** Muting needs the articles in the replica: wait until they can be muted. */
    private void awaitArticles(TestUser person, ArticlePublished... articles) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            for (ArticlePublished article : articles) {
                int status = as(person).body(Map.of("preferences", Map.of("mutedArticles",
                        List.of(article.slug())))).put("/api/notifications/preferences").statusCode();
                if (status != 200) {
                    return false;
                }
            }
            return true;
        });
    }
}
