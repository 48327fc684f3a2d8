package org.colloquy.comment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a comment body inert for a client that renders it as Markdown or HTML, as the README promises: HTML tags are
 * removed, and a link target whose scheme is not http, https or mailto becomes {@code #}.
 *
 * <p>It reads the text the way the renderers an attacker aims at read it, not the way a polite writer types it:
 * <ul>
 * <li>a tag without its closing {@code >} runs to the end of the text, as an HTML parser reads it, and goes with it;
 * <li>a link target is judged after what a Markdown renderer and a browser do to it before it is followed: character
 * references decoded ({@code &colon;}, {@code &#106;}), backslash escapes dropped, tabs and line breaks removed,
 * percent-escapes decoded, any case;
 * <li>every place a Markdown target can stand is checked: inline links and images {@code [x](target)} and reference
 * definitions {@code [1]: target}, also inside quotes and lists;
 * <li>a target longer than {@value #TARGET_MAX} characters becomes {@code #} as well.
 * </ul>
 * Crafted bodies stay cheap to check (MarkupTest holds pathological ones to a time limit).
 */
final class Markup {

    /** Longer targets become {@code #} unread, so that checking stays cheap however a body nests them. */
    static final int TARGET_MAX = 2048;
    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.\\-]*):");
    private static final Pattern REFERENCE = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?");

    static String neutralize(String body) {
        String previous;
        String text = body;
        do { // removing one tag can join the pieces of another, and a target can hide a tag
            previous = text;
            text = safeTargets(withoutTags(text));
        } while (!text.equals(previous));
        return text;
    }

    /**
     * The text without tags, comments and declarations, closed or not, in one pass: removing a tag can join the
     * pieces of another ({@code <<b>script>}), so the {@code <} that could still open one are kept in mind until a
     * {@code >} closes them.
     */
    static String withoutTags(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<Integer> opens = new ArrayList<>(); // positions in out of '<' with no '>' after them
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                opens.add(out.length());
            } else if (c == '>') {
                int tag = firstTagStart(out, opens);
                if (tag >= 0) {
                    out.setLength(opens.get(tag));
                    opens.subList(tag, opens.size()).clear();
                    continue;
                }
                opens.clear();
            }
            out.append(c);
        }
        for (int open : opens) {
            if (opensTagInHtml(out, open)) {
                out.setLength(open); // unclosed: an HTML parser reads the rest of the text as the tag's attributes
                break;
            }
        }
        return out.toString();
    }

    private static int firstTagStart(CharSequence out, List<Integer> opens) {
        for (int k = 0; k < opens.size(); k++) {
            int name = afterSpacesAndSlash(out, opens.get(k) + 1);
            if (name < out.length() && isTagStart(out.charAt(name))) {
                return k;
            }
        }
        return -1;
    }

    /** Every link target after {@code ](} and every reference definition target after {@code ]:}, made safe. */
    static String safeTargets(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            out.append(c);
            i++;
            if (c != ']' || i >= text.length() || (text.charAt(i) != '(' && text.charAt(i) != ':')) {
                continue;
            }
            out.append(text.charAt(i));
            int start = i + 1;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            int end = targetEnd(text, start);
            out.append(text, i + 1, start);
            String target = text.substring(start, end);
            if (target.isEmpty() || (target.length() <= TARGET_MAX && isSafe(target))) {
                i = start; // a safe target is read on, so that a target inside it is checked too
            } else {
                out.append('#');
                i = end;
            }
        }
        return out.toString();
    }

    /** Whether a link target, once decoded as a renderer and a browser decode it, has no scheme or a safe one. */
    static boolean isSafe(String target) {
        String url = target.startsWith("<") ? target.substring(1) : target;
        url = percentDecoded(withoutEscapes(decodedReferences(url)));
        StringBuilder compact = new StringBuilder(url.length());
        url.codePoints().filter(cp -> cp > ' ' && cp != 0x7f).forEach(compact::appendCodePoint);
        Matcher scheme = SCHEME.matcher(compact.toString().toLowerCase(Locale.ROOT));
        return !scheme.find() || SAFE_SCHEMES.contains(scheme.group(1));
    }

    /** Where a Markdown link target ends: {@code <...>}, or at white space or a parenthesis that closes the link. */
    private static int targetEnd(String text, int start) {
        if (start < text.length() && text.charAt(start) == '<') {
            int i = start + 1;
            while (i < text.length() && text.charAt(i) != '>' && text.charAt(i) != '\n') {
                i++;
            }
            return i < text.length() && text.charAt(i) == '>' ? i + 1 : i;
        }
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f || (c == ')' && depth == 0)) {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            i++;
        }
        return i;
    }

    private static int afterSpacesAndSlash(CharSequence text, int i) {
        int at = i;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '/') {
            at++;
        }
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isTagStart(char c) {
        return isAsciiLetter(c) || c == '!' || c == '?';
    }

    /** {@code <a}, {@code </a}, {@code <!}, {@code <?}: what HTML reads as the start of markup. */
    private static boolean opensTagInHtml(CharSequence text, int lt) {
        if (lt + 1 >= text.length()) {
            return false;
        }
        char next = text.charAt(lt + 1);
        return isAsciiLetter(next) || next == '!' || next == '?'
                || (next == '/' && lt + 2 < text.length() && isAsciiLetter(text.charAt(lt + 2)));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Numeric character references (with or without {@code ;}) and the named ones that can spell a scheme. */
    private static String decodedReferences(String url) {
        Matcher reference = REFERENCE.matcher(url);
        StringBuilder out = new StringBuilder(url.length());
        while (reference.find()) {
            String name = reference.group(1);
            String decoded;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                decoded = codePoint(Integer.parseInt(name.substring(2), 16));
            } else if (name.startsWith("#")) {
                decoded = codePoint(Integer.parseInt(name.substring(1)));
            } else {
                decoded = switch (name.toLowerCase(Locale.ROOT)) {
                    case "colon" -> ":";
                    case "tab" -> "\t";
                    case "newline" -> "\n";
                    default -> reference.group();
                };
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        reference.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int value) {
        return Character.isValidCodePoint(value) ? new String(Character.toChars(value)) : "";
    }

    /** Markdown's backslash escapes: {@code javascript\:} is {@code javascript:} to a renderer. */
    private static String withoutEscapes(String url) {
        return url.replaceAll("\\\\(\\p{Punct})", "$1");
    }

    private static String percentDecoded(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%' && i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2))) {
                out.append((char) Integer.parseInt(url.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private Markup() {
    }
}
