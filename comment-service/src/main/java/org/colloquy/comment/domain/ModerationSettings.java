package org.colloquy.comment.domain;

import java.util.List;
import java.util.Optional;
import org.colloquy.domain.Problems;

/**
 * The site's moderation rules. {@code mode}: {@code off}, {@code first-comment} (a user's first comment waits for
 * review) or {@code all}. Banned words reject a comment (422); suspect words and more than {@code maxLinks} links
 * hold it for review; {@code commentsPerMinute} limits each user; {@code flagsToHold} reports hold a comment;
 * {@code editWindowSeconds} is how long an author may edit.
 */
public record ModerationSettings(String mode, List<String> bannedWords, List<String> suspectWords, int maxLinks,
        int commentsPerMinute, int flagsToHold, int editWindowSeconds) {

    public static final int WORDS_MAX = 500;
    /** A suspect word travels in CommentHeldForReview ({@code detail}). */
    public static final int WORD_MAX_CHARS = 100;

    /** The mode; only for settings without {@link #problems()}. */
    public ModerationMode moderationMode() {
        return ModerationMode.named(mode).orElseThrow();
    }

    public Problems problems() {
        return new Problems()
                .check("mode", ModerationMode.named(mode).isPresent() ? Optional.empty()
                        : Optional.of("must be one of " + String.join(", ", ModerationMode.NAMES)))
                .check("bannedWords", wordsProblem(bannedWords))
                .check("suspectWords", wordsProblem(suspectWords))
                .check("maxLinks", atLeast(maxLinks, 0))
                .check("commentsPerMinute", atLeast(commentsPerMinute, 1))
                .check("flagsToHold", atLeast(flagsToHold, 1))
                .check("editWindowSeconds", atLeast(editWindowSeconds, 0));
    }

    private static Optional<String> atLeast(int value, int min) {
        return value < min ? Optional.of("must be " + min + " or more") : Optional.empty();
    }

    private static Optional<String> wordsProblem(List<String> words) {
        if (words == null || words.size() > WORDS_MAX) {
            return Optional.of("must be a list of at most " + WORDS_MAX + " words");
        }
        if (words.stream().anyMatch(word -> word == null || word.length() > WORD_MAX_CHARS)) {
            return Optional.of("words must be at most " + WORD_MAX_CHARS + " characters");
        }
        return Optional.empty();
    }
}
