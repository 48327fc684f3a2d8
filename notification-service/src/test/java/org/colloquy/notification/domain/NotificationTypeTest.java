package org.colloquy.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationTypeTest {

    @Test
    void typesAreStoredAndShownInLowerCaseAndReadBack() {
        assertThat(NotificationType.VALUES).containsExactly("comment", "reply", "mention", "article", "follower",
                "moderation");
        for (NotificationType type : NotificationType.values()) {
            assertThat(NotificationType.of(type.value())).contains(type);
        }
    }

    @Test
    void anUnknownOrDifferentlyWrittenTypeIsNone() {
        assertThat(NotificationType.of("COMMENT")).isEmpty();
        assertThat(NotificationType.of("likes")).isEmpty();
        assertThat(NotificationType.of(null)).isEmpty();
    }
}
