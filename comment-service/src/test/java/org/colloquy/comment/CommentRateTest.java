package org.colloquy.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.colloquy.comment.Discussion.publishedArticle;
import static org.colloquy.comment.Discussion.settings;
import static org.colloquy.comment.Discussion.user;
import static org.colloquy.testing.Requests.anonymous;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.colloquy.comment.Discussion.Article;
import org.colloquy.testing.InjectKafkaClient;
import org.colloquy.testing.KafkaTestClient;
import org.colloquy.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-user comment rate holds under parallel posts, not only one after another. */
@QuarkusTest
@CommentServiceTest
class CommentRateTest {

    @InjectKafkaClient
    KafkaTestClient kafka;

    @AfterEach
    void tearDown() {
        Discussion.applySettings(Discussion.defaultSettings());
    }

    @Test
    void twelveParallelPostsOfOneWriterAcceptExactlyTheLimit() {
        Discussion.applySettings(settings("off", List.of(), List.of(), 3, 5, 3, 900));
        TestUser writer = user("parallel");
        Article article = publishedArticle(kafka, user("author"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/articles/" + article.slug() + "/comments");

        List<HttpResponse<String>> answers = IntStream.range(0, 12).mapToObj(i -> client.sendAsync(
                HttpRequest.newBuilder(uri).header("Authorization", "Token " + writer.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":{\"body\":\"Nummer " + i + "\"}}"))
                        .build(), HttpResponse.BodyHandlers.ofString()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(5);
        List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() != 201).toList();
        assertThat(refused).hasSize(7).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(429);
            assertThat(answer.body()).contains("\"errors\"").contains("\"comment\"");
            assertThat(answer.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 60L);
        });
        assertThat(anonymous().get("/api/articles/{slug}/comments", article.slug()).then().statusCode(200)
                .extract().<Integer> path("commentsCount")).isEqualTo(5);
    }
}
