package groupchat.web;

import groupchat.testsupport.Upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Seeded generators of bad input: wrong types, huge and strange strings, deep nesting, broken bytes. */
final class FuzzInputs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> FIELDS = List.of("username", "password", "display_name", "current_password",
            "new_password", "name", "description", "is_public", "settings", "content", "image_url", "reply_to",
            "client_msg_id", "role", "room_id", "max_uses", "expires_in_hours", "pubkey", "event", "type",
            "is_typing", "ai_mode", "ai_model", "ai_system_prompt", "ai_web_search");
    private static final String[] STRANGE = {"", " ", "\u0000", "\u202e\u0645\u0631\u062d\u0628\u0627", "\u200b",
            "\ud83d\ude00\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "'; DROP TABLE users; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "%2e%2e%2f", "\\u0000", "null", "true", "-1",
            "NaN", "1e309", "admin", "owner", "mention", "/uploads/chat-images/../../chat.db",
            "/uploads/chat-images/AAAA.png", "npub1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
            "\r\n\r\nGET / HTTP/1.1", "${jndi:ldap://x}", "%s%s%s%n"};

    private final Random random;
    private final List<String> validValues;

    /** @param validValues real ids and values, so some inputs get past the first checks */
    FuzzInputs(Random random, List<String> validValues) {
        this.random = random;
        this.validValues = validValues;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    String string() {
        return switch (random.nextInt(8)) {
            case 0 -> STRANGE[random.nextInt(STRANGE.length)];
            case 1 -> pick(validValues);
            case 2 -> "x".repeat(random.nextInt(70_000));
            case 3 -> randomUnicode(1 + random.nextInt(300));
            case 4 -> pick(validValues) + STRANGE[random.nextInt(STRANGE.length)];
            default -> "v" + random.nextInt(1000);
        };
    }

    JsonNode value(int depth) {
        return switch (random.nextInt(depth > 3 ? 9 : 12)) {
            case 0, 1, 2 -> NODES.textNode(string());
            case 3 -> NODES.numberNode(random.nextInt());
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.nullNode();
            case 8 -> NODES.textNode(pick(validValues));
            case 9 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) array.add(value(depth + 1));
                yield array;
            }
            case 10 -> object(depth + 1);
            default -> deep(20 + random.nextInt(100));
        };
    }

    ObjectNode object(int depth) {
        ObjectNode node = NODES.objectNode();
        for (int i = random.nextInt(6); i >= 0; i--) node.set(pick(FIELDS), value(depth));
        return node;
    }

    /** Arrays nested {@code depth} levels (the server refuses more than 64). */
    static JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) node = NODES.arrayNode().add(node);
        return node;
    }

    /** Bytes that are not a JSON object: broken syntax, bad UTF-8, absurd numbers, deep nesting. */
    byte[] rawBody(String validJson) {
        byte[] json = validJson.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(14)) {
            case 0 -> java.util.Arrays.copyOf(json, random.nextInt(json.length + 1));
            case 1 -> splice(json, new byte[] {(byte) 0xC3, (byte) 0x28});
            case 2 -> splice(json, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            case 3 -> splice(json, new byte[] {(byte) 0xC0, (byte) 0xAF});
            case 4 -> splice(json, new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
            case 5 -> "[".repeat(5_000 + random.nextInt(50_000)).getBytes(StandardCharsets.US_ASCII);
            case 6 -> "{\"a\":".repeat(1_000 + random.nextInt(10_000)).getBytes(StandardCharsets.US_ASCII);
            case 7 -> ("{\"content\": " + "9".repeat(100 + random.nextInt(10_000)) + "}").getBytes(StandardCharsets.US_ASCII);
            case 8 -> "{\"content\": \"\\ud800\", \"name\": \"\\udfff\"}".getBytes(StandardCharsets.US_ASCII);
            case 9 -> ("\uFEFF" + validJson).getBytes(StandardCharsets.UTF_8);
            case 10 -> (validJson + " trailing garbage }{").getBytes(StandardCharsets.UTF_8);
            case 11 -> pick(List.of("null", "[]", "\"text\"", "42", "true", "{", "}", "{\"a\":1,}", "/* c */ {}", "NaN"))
                    .getBytes(StandardCharsets.US_ASCII);
            case 12 -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                yield noise;
            }
            default -> ("{\"content\": \"" + "\\u0000".repeat(1 + random.nextInt(1000)) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
        };
    }

    /** Broken multipart/form-data bodies; {@code [0]} is the body, {@code [1]} the Content-Type. */
    Object[] badMultipart(byte[] image) {
        String b = Upload.BOUNDARY;
        String type = "multipart/form-data; boundary=" + b;
        byte[] good = Upload.form(image);
        return switch (random.nextInt(10)) {
            case 0 -> new Object[] {good, "multipart/form-data"};
            case 1 -> new Object[] {good, "multipart/form-data; boundary=other"};
            case 2 -> new Object[] {java.util.Arrays.copyOf(good, random.nextInt(good.length)), type};
            case 3 -> new Object[] {("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                    + "no filename, no end").getBytes(StandardCharsets.UTF_8), type};
            case 4 -> new Object[] {("--" + b + "\r\nContent-Disposition: form-data; name=\"other\"; filename=\"a\"\r\n\r\n"
                    + "x\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8), type};
            case 5 -> new Object[] {("--" + b + "\r\n" + "X-Header: y\r\n".repeat(2000) + "\r\n\r\n--" + b + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8), type};
            case 6 -> new Object[] {Upload.form(new byte[0]), type};
            case 7 -> new Object[] {Upload.form(java.util.Arrays.copyOf(image, image.length / 2)), type};
            case 8 -> new Object[] {rawBody("{}"), type};
            default -> new Object[] {("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + "\u0000../../x".repeat(200) + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                    type};
        };
    }

    /** A path segment where an id belongs. */
    String idSegment() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pick(validValues);
            case 2 -> pick(List.of("..", "%2e%2e", "%00", "%2F", "%25", "%ZZ", "%C3%28", "null", "-1", "%20"));
            case 3 -> "a".repeat(1 + random.nextInt(5000));
            case 4 -> java.net.URLEncoder.encode(randomUnicode(1 + random.nextInt(20)), StandardCharsets.UTF_8);
            default -> Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[random.nextInt(64)]);
        };
    }

    private String randomUnicode(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x10FFFF);
            if (Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) text.appendCodePoint(cp);
        }
        return text.toString();
    }

    private byte[] splice(byte[] into, byte[] bad) {
        int at = random.nextInt(into.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(into, 0, at);
        out.writeBytes(bad);
        out.write(into, at, into.length - at);
        return out.toByteArray();
    }
}
