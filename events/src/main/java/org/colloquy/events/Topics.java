package org.colloquy.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Kafka topics of the contract. Each has 3 partitions by default. */
public final class Topics {

    public static final String USER_EVENTS = "user.events";
    public static final String ARTICLE_EVENTS = "article.events";
    public static final String COMMENT_EVENTS = "comment.events";
    public static final String MODERATION_EVENTS = "moderation.events";

    public static final List<String> ALL = List.of(USER_EVENTS, ARTICLE_EVENTS, COMMENT_EVENTS, MODERATION_EVENTS);

    public static final int DEFAULT_PARTITIONS = 3;

    /** How long a dead-letter topic keeps a record: time for an operator to look, fix and re-drive. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    /** Each service has its own dead-letter topic for records its consumers could not process. */
    public static String deadLetterTopic(String service) {
        return service + ".dlq";
    }

    /**
     * The broker settings a topic is created with, everywhere it is created (the local launcher, the Strimzi
     * topics, the docker-compose file). A contract topic keeps every record ({@code retention.ms=-1}, no
     * compaction): its history is how a new consumer, or one whose replica was lost, builds its state, and
     * compaction would keep only the last event of a key where consumers need all (a comment's posted, edited,
     * deleted). A dead-letter topic keeps a record for {@link #DEAD_LETTER_RETENTION}.
     */
    public static Map<String, String> config(String topic) {
        if (ALL.contains(topic)) {
            return Map.of("cleanup.policy", "delete", "retention.ms", "-1");
        }
        if (topic.endsWith(".dlq")) {
            return Map.of("cleanup.policy", "delete", "retention.ms",
                    String.valueOf(DEAD_LETTER_RETENTION.toMillis()));
        }
        throw new IllegalArgumentException("Not a topic of the platform: " + topic);
    }

    private Topics() {
    }
}
