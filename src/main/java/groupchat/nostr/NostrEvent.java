package groupchat.nostr;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.web.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A signed Nostr event (NIP-01), as the client sent it. Strings are kept exactly as received. */
public record NostrEvent(String id, String pubkey, long createdAt, int kind, List<List<String>> tags,
                         String content, String sig) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern HEX128 = Pattern.compile("[0-9a-fA-F]{128}");

    /** Reads an event object; any missing or malformed field is a 401 naming the field. */
    public static NostrEvent parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiError.unauthorized("Field 'event' must be a signed Nostr event object");
        }
        String id = text(node, "id", HEX64);
        String pubkey = text(node, "pubkey", HEX64);
        long createdAt = integer(node, "created_at");
        long kind = integer(node, "kind");
        if (kind > Integer.MAX_VALUE) throw malformed("kind");
        JsonNode tagsNode = node.get("tags");
        if (tagsNode == null || !tagsNode.isArray()) throw malformed("tags");
        List<List<String>> tags = new ArrayList<>();
        for (JsonNode tag : tagsNode) {
            if (!tag.isArray()) throw malformed("tags");
            List<String> values = new ArrayList<>();
            for (JsonNode value : tag) {
                if (!value.isTextual()) throw malformed("tags");
                values.add(value.textValue());
            }
            tags.add(List.copyOf(values));
        }
        JsonNode content = node.get("content");
        if (content == null || !content.isTextual()) throw malformed("content");
        String sig = text(node, "sig", HEX128);
        return new NostrEvent(id, pubkey, createdAt, (int) kind, List.copyOf(tags), content.textValue(), sig);
    }

    /** The values of every tag with this name (its second element), in order. */
    public List<String> tagValues(String name) {
        List<String> out = new ArrayList<>();
        for (List<String> tag : tags) {
            if (tag.size() >= 2 && tag.get(0).equals(name)) out.add(tag.get(1));
        }
        return out;
    }

    private static String text(JsonNode node, String field, Pattern shape) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !shape.matcher(value.textValue()).matches()) throw malformed(field);
        return value.textValue();
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        // NIP-01 numbers are plain non-negative integers; 1.7e9 or "1700000000" would serialize differently.
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw malformed(field);
        }
        return value.longValue();
    }

    private static ApiError malformed(String field) {
        return ApiError.unauthorized("Event field '" + field + "' is missing or malformed");
    }
}
