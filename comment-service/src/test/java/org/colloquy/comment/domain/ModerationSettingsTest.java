package org.colloquy.comment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModerationSettingsTest {

    @Test
    void theModesAreNamedAsTheApiTakesThem() {
        assertThat(settings("first-comment").moderationMode()).isEqualTo(ModerationMode.FIRST_COMMENT);
        assertThat(settings("all").moderationMode()).isEqualTo(ModerationMode.ALL);
        assertThat(settings("off").problems().byField()).isEmpty();
        assertThat(settings("FIRST_COMMENT").problems().byField())
                .isEqualTo(Map.of("mode", List.of("must be one of off, first-comment, all")));
        assertThat(settings(null).problems().byField()).containsOnlyKeys("mode");
    }

    @Test
    void everyLimitIsCheckedAtItsField() {
        ModerationSettings bad = new ModerationSettings("off", null, List.of("x".repeat(101)), -1, 0, 0, -1);
        assertThat(bad.problems().byField()).containsOnlyKeys("bannedWords", "suspectWords", "maxLinks",
                "commentsPerMinute", "flagsToHold", "editWindowSeconds");
    }

    private static ModerationSettings settings(String mode) {
        return new ModerationSettings(mode, List.of(), List.of(), 2, 5, 3, 900);
    }
}
