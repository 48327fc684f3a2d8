package org.colloquy.comment.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public Map<String, List<String>> problems() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (ModerationMode.named(mode).isEmpty()) {
            problems.put("mode", List.of("must be one of " + String.join(", ", ModerationMode.NAMES)));
        }
        wordsProblem(bannedWords).ifPresent(problem -> problems.put("bannedWords", List.of(problem)));
        wordsProblem(suspectWords).ifPresent(problem -> problems.put("suspectWords", List.of(problem)));
        if (maxLinks < 0) {
            problems.put("maxLinks", List.of("must be 0 or more"));
        }
        if (commentsPerMinute < 1) {
            problems.put("commentsPerMinute", List.of("must be 1 or more"));
        }
        if (flagsToHold < 1) {
            problems.put("flagsToHold", List.of("must be 1 or more"));
        }
        if (editWindowSeconds < 0) {
            problems.put("editWindowSeconds", List.of("must be 0 or more"));
        }
        return problems;
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
