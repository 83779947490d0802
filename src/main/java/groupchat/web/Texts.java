package groupchat.web;

/** Length rules of the contract: counted in Unicode code points, after trimming where asked. */
public final class Texts {
    private Texts() {}

    /** Trims, then checks the length in code points; names the field in the error. */
    public static String trimmed(String field, String value, int min, int max) {
        String trimmed = value == null ? "" : value.strip();
        checkLength(field, trimmed, min, max);
        requireWellFormed(field, trimmed);
        return trimmed;
    }

    public static void checkLength(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw ApiError.badRequest(min == max
                    ? "Field '" + field + "' must be " + min + " characters"
                    : min == 0
                            ? "Field '" + field + "' must be at most " + max + " characters"
                            : "Field '" + field + "' must be " + min + "-" + max + " characters");
        }
    }

    /** Lone UTF-16 surrogates cannot be stored as UTF-8; refuse them instead of mangling them. */
    public static void requireWellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiError.badRequest("Field '" + field + "' is not valid Unicode text");
            }
        }
    }
}
