package groupchat.ai;

/**
 * The contract's mention rule: {@code @ai} or {@code @<AI_NAME>}, ignoring case, where the
 * {@code @} is not preceded by a letter, digit or {@code @} (so e-mail addresses and {@code @@ai}
 * do not count) and the name is not followed by a letter, digit or {@code _}.
 */
public final class Mentions {
    private final String aiName;

    public Mentions(String aiName) {
        this.aiName = aiName;
    }

    /** Whether a human message with {@code content} calls for an answer in a room of AI mode {@code aiMode}. */
    public boolean triggers(String aiMode, String content) {
        return switch (aiMode) {
            case "always" -> true;
            case "mention" -> mentionsAssistant(content);
            default -> false;
        };
    }

    public boolean mentionsAssistant(String content) {
        if (content == null) return false;
        return mentions(content, "ai") || (!aiName.isBlank() && mentions(content, aiName));
    }

    static boolean mentions(String content, String name) {
        for (int at = content.indexOf('@'); at >= 0; at = content.indexOf('@', at + 1)) {
            if (at > 0) {
                int before = content.codePointBefore(at);
                if (before == '@' || Character.isLetterOrDigit(before)) continue;
            }
            int start = at + 1;
            if (!content.regionMatches(true, start, name, 0, name.length())) continue;
            int end = start + name.length();
            if (end < content.length()) {
                int after = content.codePointAt(end);
                if (after == '_' || Character.isLetterOrDigit(after)) continue;
            }
            return true;
        }
        return false;
    }
}
