package org.colloquy.user.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of account and profile fields, one place for registration and updates. Each returns the problem. Every
 * field that travels in an event (username, bio, image) has a maximum, so no event can outgrow what Kafka takes.
 */
public final class ProfileRules {

    public static final int PASSWORD_MIN_CHARS = 8;
    /** Argon2 has no input limit of its own; the cap keeps hashing cost bounded. */
    public static final int PASSWORD_MAX_BYTES = 256;
    public static final int USERNAME_MAX_CHARS = 40;
    /** RFC 5321's limit for a forward path. */
    public static final int EMAIL_MAX_CHARS = 254;
    public static final int BIO_MAX_CHARS = 2000;
    public static final int IMAGE_MAX_CHARS = 2000;

    /** Letters, digits, '_', '.', '-': safe in URLs and in {@code @mentions}. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}_.-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static Optional<String> password(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("can't be blank");
        }
        if (password.codePointCount(0, password.length()) < PASSWORD_MIN_CHARS) {
            return Optional.of("must be at least " + PASSWORD_MIN_CHARS + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            return Optional.of("must be at most " + PASSWORD_MAX_BYTES + " bytes");
        }
        return Optional.empty();
    }

    public static Optional<String> username(String username) {
        if (username == null || username.isBlank()) {
            return Optional.of("can't be blank");
        }
        if (tooLong(username, USERNAME_MAX_CHARS)) {
            return Optional.of(tooLongMessage(USERNAME_MAX_CHARS));
        }
        return USERNAME.matcher(username).matches() ? Optional.empty()
                : Optional.of("must be 1 to " + USERNAME_MAX_CHARS + " letters, digits, '_', '.' or '-'");
    }

    public static Optional<String> email(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of("can't be blank");
        }
        if (tooLong(email.trim(), EMAIL_MAX_CHARS)) {
            return Optional.of(tooLongMessage(EMAIL_MAX_CHARS));
        }
        return EMAIL.matcher(email.trim()).matches() ? Optional.empty() : Optional.of("is invalid");
    }

    public static Optional<String> bio(String bio) {
        return bio != null && tooLong(bio, BIO_MAX_CHARS) ? Optional.of(tooLongMessage(BIO_MAX_CHARS))
                : Optional.empty();
    }

    /** Only web addresses: a {@code javascript:} image would run in some frontends. */
    public static Optional<String> image(String image) {
        if (image == null) {
            return Optional.empty();
        }
        if (tooLong(image, IMAGE_MAX_CHARS)) {
            return Optional.of(tooLongMessage(IMAGE_MAX_CHARS));
        }
        return image.startsWith("https://") || image.startsWith("http://") ? Optional.empty()
                : Optional.of("must be an http(s) URL");
    }

    /**
     * At log-in only what no account can have is refused: a blank or overlong e-mail (it would also be an overlong
     * throttle key), a blank or overlong password (hashing it would cost more than any real one).
     */
    public static Optional<String> loginEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of("can't be blank");
        }
        return tooLong(email.trim(), EMAIL_MAX_CHARS) ? Optional.of(tooLongMessage(EMAIL_MAX_CHARS)) : Optional.empty();
    }

    public static Optional<String> loginPassword(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("can't be blank");
        }
        return password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES
                ? Optional.of("must be at most " + PASSWORD_MAX_BYTES + " bytes") : Optional.empty();
    }

    /**
     * The form under which an e-mail address identifies an account: trimmed and lower-case. Look-ups and the log-in
     * throttle both key on it, so that {@code "Victim@x.org "} is the same account (and the same count) as
     * {@code "victim@x.org"}.
     */
    public static String normalizedEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** RealWorld clients send "" (or null) to clear a field; we store and return null. */
    public static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean tooLong(String value, int maxChars) {
        return value.length() > maxChars && value.codePointCount(0, value.length()) > maxChars;
    }

    private static String tooLongMessage(int maxChars) {
        return "must be at most " + maxChars + " characters";
    }

    private ProfileRules() {
    }
}
