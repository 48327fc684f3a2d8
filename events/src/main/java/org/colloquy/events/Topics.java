package org.colloquy.events;

import java.util.List;

/** The Kafka topics of the contract. Each has 3 partitions by default. */
public final class Topics {

    public static final String USER_EVENTS = "user.events";
    public static final String ARTICLE_EVENTS = "article.events";
    public static final String COMMENT_EVENTS = "comment.events";
    public static final String MODERATION_EVENTS = "moderation.events";

    public static final List<String> ALL = List.of(USER_EVENTS, ARTICLE_EVENTS, COMMENT_EVENTS, MODERATION_EVENTS);

    public static final int DEFAULT_PARTITIONS = 3;

    /** Each service has its own dead-letter topic for records its consumers could not process. */
    public static String deadLetterTopic(String service) {
        return service + ".dlq";
    }

    private Topics() {
    }
}
