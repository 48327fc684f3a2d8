package org.colloquy.api;

/**
 * {@code limit}/{@code offset} query parameters, read as text so that a value that is not a number is a 422 in the
 * error shape (JAX-RS would answer 404 for a failed conversion).
 */
public record Paging(int limit, int offset) {

    public static Paging of(String limit, String offset, int defaultLimit, int maxLimit) {
        int parsedLimit = parse("limit", limit, defaultLimit);
        int parsedOffset = parse("offset", offset, 0);
        if (parsedLimit < 1 || parsedLimit > maxLimit) {
            throw ApiException.invalid("limit", "must be between 1 and " + maxLimit);
        }
        if (parsedOffset < 0) {
            throw ApiException.invalid("offset", "must be 0 or more");
        }
        return new Paging(parsedLimit, parsedOffset);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number");
        }
    }
}
