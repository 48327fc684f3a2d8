package org.colloquy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/users, user-service",
            "/api/users/login, user-service",
            "/api/user, user-service",
            "/api/profiles/anna, user-service",
            "/api/profiles/anna/follow, user-service",
            "/api/admin/users/anna/roles, user-service",
            "/api/articles, article-service",
            "/api/articles/feed, article-service",
            "/api/articles/drafts, article-service",
            "/api/articles/ueber-waermepumpen, article-service",
            "/api/articles/ueber-waermepumpen/favorite, article-service",
            "/api/articles/ueber-waermepumpen/publish, article-service",
            "/api/tags, article-service",
            "/api/articles/ueber-waermepumpen/comments, comment-service",
            "/api/articles/ueber-waermepumpen/comments/17, comment-service",
            "/api/articles/ueber-waermepumpen/comments/17/flags, comment-service",
            "/api/moderation/queue, comment-service",
            "/api/moderation/settings, comment-service",
            "/api/notifications, notification-service",
            "/api/notifications/stream, notification-service",
            "/api/notifications/42/read, notification-service"})
    void everyPublicPathGoesToTheServiceThatOwnsIt(String path, String upstream) {
        assertThat(Routes.upstreamFor(path)).contains(upstream);
    }

    @ParameterizedTest
    @CsvSource({"/api", "/api/", "/api/userz", "/api/tags/extra", "/q/health"})
    void otherPathsBelongToNoService(String path) {
        assertThat(Routes.upstreamFor(path)).isEmpty();
    }
}
