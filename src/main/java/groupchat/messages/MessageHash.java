package groupchat.messages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The contract's message hash: SHA-256 over the compact JSON array
 * [room_id, user_id or "", kind, content, image_url or "", created_at], escaped exactly as
 * ECMAScript's JSON.stringify escapes strings, so any client can recompute it.
 */
public final class MessageHash {
    private MessageHash() {}

    public static String of(String roomId, String userId, String kind, String content, String imageUrl,
                            String createdAt) {
        StringBuilder json = new StringBuilder(content.length() + 160).append('[');
        String[] parts = {roomId, userId == null ? "" : userId, kind, content, imageUrl == null ? "" : imageUrl,
                createdAt};
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) json.append(',');
            quote(parts[i], json);
        }
        json.append(']');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** JSON.stringify's string quoting (ES2019+, which also escapes lone surrogates). */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
