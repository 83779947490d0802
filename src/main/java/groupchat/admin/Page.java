package groupchat.admin;

import groupchat.web.ApiError;

/** A page of an admin list: {@code limit} 1..200 (default 100), {@code offset} 0..1,000,000. */
public record Page(int limit, int offset) {
    public static Page parse(String limit, String offset) {
        return new Page(number("limit", limit, 100, 1, 200), number("offset", offset, 0, 0, 1_000_000));
    }

    private static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) return fallback;
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiError.badRequest("Query parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }
}
