package org.colloquy.gateway;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that says which service owns which public path. The first matching route wins, so the comment
 * routes come before the other article routes. Documented in the README; {@code RoutesTest} pins every row.
 */
public final class Routes {

    public static final String USER_SERVICE = "user-service";
    public static final String ARTICLE_SERVICE = "article-service";
    public static final String COMMENT_SERVICE = "comment-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";

    public static final List<String> UPSTREAMS = List.of(USER_SERVICE, ARTICLE_SERVICE, COMMENT_SERVICE,
            NOTIFICATION_SERVICE);

    record Route(Pattern path, String upstream) {
    }

    static final List<Route> TABLE = List.of(
            route("/api/articles/[^/]+/comments(/.*)?", COMMENT_SERVICE),
            route("/api/moderation(/.*)?", COMMENT_SERVICE),
            route("/api/notifications(/.*)?", NOTIFICATION_SERVICE),
            route("/api/users(/.*)?", USER_SERVICE),
            route("/api/user", USER_SERVICE),
            route("/api/profiles(/.*)?", USER_SERVICE),
            route("/api/admin(/.*)?", USER_SERVICE),
            route("/api/articles(/.*)?", ARTICLE_SERVICE),
            route("/api/tags", ARTICLE_SERVICE));

    /** The service that owns the path (without query string), if any. */
    public static Optional<String> upstreamFor(String path) {
        return TABLE.stream().filter(route -> route.path().matcher(path).matches()).map(Route::upstream).findFirst();
    }

    private static Route route(String regex, String upstream) {
        return new Route(Pattern.compile(regex), upstream);
    }

    private Routes() {
    }
}
