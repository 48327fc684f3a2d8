package org.colloquy.platform;

import java.util.List;

/** A Quarkus application of the platform, as the launcher starts it. */
public record PlatformService(String name, int defaultPort, String database) {

    public static final PlatformService USER = new PlatformService("user-service", 8081, "user");
    public static final PlatformService ARTICLE = new PlatformService("article-service", 8082, "article");
    public static final PlatformService COMMENT = new PlatformService("comment-service", 8083, "comment");
    public static final PlatformService NOTIFICATION = new PlatformService("notification-service", 8084,
            "notification");
    public static final PlatformService GATEWAY = new PlatformService("api-gateway", 8080, null);

    /** The services behind the gateway; they share nothing, so they start side by side. */
    public static final List<PlatformService> BACKENDS = List.of(USER, ARTICLE, COMMENT, NOTIFICATION);

    public static final List<PlatformService> ALL = List.of(USER, ARTICLE, COMMENT, NOTIFICATION, GATEWAY);

    public boolean hasDatabase() {
        return database != null;
    }
}
