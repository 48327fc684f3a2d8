package org.colloquy.messaging.catchup;

import java.util.List;

/**
 * A replica look-up missed twice, and this service could not confirm that it processed everything in the topics
 * before the second try (the broker unreachable, or the consumers further behind than the catch-up timeout): the
 * thing looked for may well exist. A REST API answers it as "try again shortly" (503), not as "not found"; the
 * second miss is the cause.
 */
public class NotCaughtUp extends RuntimeException {

    private final List<String> topics;

    public NotCaughtUp(String consumer, List<String> topics, Throwable miss) {
        super(consumer + " could not confirm it processed " + topics + "; the look-up missed: " + miss.getMessage(),
                miss);
        this.topics = List.copyOf(topics);
    }

    public List<String> topics() {
        return topics;
    }
}
