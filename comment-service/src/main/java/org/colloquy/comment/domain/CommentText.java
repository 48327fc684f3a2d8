package org.colloquy.comment.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a comment body may be and what it contains. Bodies are plain text or Markdown: HTML tags are removed and
 * script links neutralized when a comment is written, so whatever a client renders is inert.
 */
public final class CommentText {

    public static final int MAX_CHARS = 10_000;
    public static final int EXCERPT_CHARS = 200;

    private static final Pattern LINK = Pattern.compile("(?i)\\b(https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.-])@([\\p{L}\\p{N}_.-]{1,40})");

    public static Optional<String> problem(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of("can't be blank");
        }
        if (body.length() > MAX_CHARS) {
            return Optional.of("must be at most " + MAX_CHARS + " characters");
        }
        return Optional.empty();
    }

    /** The body as stored: tags removed and unsafe link targets made {@code #} (see {@link Markup}). */
    public static String sanitize(String body) {
        return Markup.neutralize(body).strip();
    }

    public static int links(String body) {
        Matcher matcher = LINK.matcher(body);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** The first listed word the body contains as a whole word, ignoring case. */
    public static Optional<String> firstWord(String body, List<String> words) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String word : words) {
            String w = word.toLowerCase(Locale.ROOT).trim();
            if (!w.isEmpty() && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])")
                    .matcher(lower).find()) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    public static List<String> mentions(String body) {
        Matcher matcher = MENTION.matcher(body);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1).replaceAll("[.]+$", ""));
        }
        return new ArrayList<>(names);
    }

    public static String excerpt(String body) {
        return body.length() <= EXCERPT_CHARS ? body : body.substring(0, EXCERPT_CHARS - 1) + "…";
    }

    private CommentText() {
    }
}
