package org.colloquy.article.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Readable slugs from titles: German transliteration (ä→ae, ö→oe, ü→ue, ß→ss), other accents stripped. */
public final class Slugs {

    public static final int MAX_LENGTH = 100;

    public static String base(String title) {
        String text = title.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("ẞ", "SS");
        text = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        text = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return text.isEmpty() ? "article" : text;
    }

    /** The base itself if free, else the base with the lowest free suffix: {@code title}, {@code title-2}, ... */
    public static String firstFree(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        int suffix = 2;
        while (taken.contains(base + "-" + suffix)) {
            suffix++;
        }
        return base + "-" + suffix;
    }

    /** The slug was made from this base: the base itself or the base with a number ({@code title-2}). */
    public static boolean madeFrom(String slug, String base) {
        if (!slug.startsWith(base)) {
            return false;
        }
        String rest = slug.substring(base.length());
        return rest.isEmpty() || rest.length() > 1 && rest.charAt(0) == '-' && rest.substring(1).chars()
                .allMatch(c -> c >= '0' && c <= '9');
    }

    private Slugs() {
    }
}
