package groupchat.rooms;

import groupchat.web.ApiError;
import java.util.Locale;

/**
 * {@code GET /api/rooms?public=true}: which page of public rooms.
 *
 * @param nameContains lower-cased text the name must contain, or null for every room
 */
public record PublicRoomQuery(String nameContains, int limit, int offset) {
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 10_000;
    static final int MAX_QUERY = 100;

    /** From the query string's raw values (each may be null): 400 naming the parameter when out of range. */
    public static PublicRoomQuery parse(String q, String limit, String offset) {
        String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        if (text != null && text.codePointCount(0, text.length()) > MAX_QUERY) {
            throw ApiError.badRequest("Parameter 'q' must be at most " + MAX_QUERY + " characters");
        }
        return new PublicRoomQuery(text, number("limit", limit, 100, 1, MAX_LIMIT),
                number("offset", offset, 0, 0, MAX_OFFSET));
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null) return fallback;
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiError.badRequest("Parameter '" + name + "' must be a whole number " + min + "-" + max);
    }
}
