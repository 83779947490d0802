package groupchat.nostr;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The event id: SHA-256 of the NIP-01 serialization {@code [0,pubkey,created_at,kind,tags,content]}.
 *
 * <p>NIP-01 escapes only {@code \n \" \\ \r \t \b \f} and writes every other character as it is.
 * Clients built on JavaScript's {@code JSON.stringify} (most of them) additionally write other
 * control characters as {@code \\u00xx} and lone surrogates as {@code \\udxxx}. Both spell the same
 * event unambiguously, so an id matching either is accepted; they differ only for such characters.
 */
public final class EventId {
    private static final HexFormat HEX = HexFormat.of();

    private EventId() {}

    /** True when {@code event.id} is the hash of the event under either spelling. */
    public static boolean matches(NostrEvent event) {
        String claimed = event.id().toLowerCase(java.util.Locale.ROOT);
        String nip01 = serialize(event, false);
        if (nip01 != null && claimed.equals(hash(nip01))) return true;
        return claimed.equals(hash(serialize(event, true)));
    }

    static String serialize(NostrEvent event, boolean likeJsonStringify) {
        StringBuilder out = new StringBuilder(256 + event.content().length());
        out.append("[0,");
        if (!string(out, event.pubkey(), likeJsonStringify)) return null;
        out.append(',').append(event.createdAt()).append(',').append(event.kind()).append(",[");
        List<List<String>> tags = event.tags();
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) out.append(',');
            out.append('[');
            List<String> tag = tags.get(i);
            for (int j = 0; j < tag.size(); j++) {
                if (j > 0) out.append(',');
                if (!string(out, tag.get(j), likeJsonStringify)) return null;
            }
            out.append(']');
        }
        out.append("],");
        if (!string(out, event.content(), likeJsonStringify)) return null;
        return out.append(']').toString();
    }

    private static boolean string(StringBuilder out, String value, boolean likeJsonStringify) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        if (!likeJsonStringify) return false;
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (c < 0x20 && likeJsonStringify) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return true;
    }

    private static String hash(String serialized) {
        return HEX.formatHex(Schnorr.sha256().digest(serialized.getBytes(StandardCharsets.UTF_8)));
    }
}
