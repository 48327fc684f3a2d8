package org.colloquy.comment.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * comment-service's own settings ({@code colloquy.comments.*}), described in the service README; the moderation
 * rules a moderator changes at run time are {@code ModerationSettings}, kept in the database.
 */
@ConfigMapping(prefix = "colloquy.comments")
public interface CommentSettings {

    Flags flags();

    interface Flags {
        /** Reports from accounts younger than this are recorded but do not count toward holding a comment. */
        @WithDefault("24h")
        Duration minAccountAge();
    }
}
