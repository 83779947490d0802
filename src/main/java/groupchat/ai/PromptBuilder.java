package groupchat.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import groupchat.uploads.StoredImage;
import groupchat.rooms.RoomSettings;
import groupchat.messages.Message;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code messages} of a chat request: one system message (server default, then the room's
 * own prompt), then one turn per stored message, oldest first. Human turns start with the
 * sender's display name; the newest human images are inlined as data URLs. System messages
 * (errors, notices) are not part of the conversation and are left out, and so are deleted
 * messages; edited ones are sent as they read now.
 */
final class PromptBuilder {
    private final ObjectMapper json;
    private final AiRoomGateway rooms;
    private final String aiName;
    private final int maxImages;
    private final long maxImageBytes;

    PromptBuilder(ObjectMapper json, AiRoomGateway rooms, String aiName, int maxImages, long maxImageBytes) {
        this.json = json;
        this.rooms = rooms;
        this.aiName = aiName;
        this.maxImages = maxImages;
        this.maxImageBytes = maxImageBytes;
    }

    String aiName() {
        return aiName;
    }

    ArrayNode messages(RoomSettings settings, List<Message> history, boolean toolsOffered) {
        ArrayNode messages = json.createArrayNode();
        messages.addObject().put("role", "system").put("content", systemPrompt(settings, toolsOffered));
        Map<String, StoredImage> inlined = imagesToInline(history);
        for (Message m : inAnswerOrder(history)) {
            if (m.deleted()) continue;
            if (Message.AI.equals(m.kind())) {
                messages.addObject().put("role", "assistant").put("content", m.content());
            } else if (Message.USER.equals(m.kind())) {
                messages.add(userTurn(m, inlined.get(m.id())));
            }
        }
        return messages;
    }

    String systemPrompt(RoomSettings settings, boolean toolsOffered) {
        StringBuilder prompt = new StringBuilder()
                .append("You are ").append(aiName).append(", an AI assistant taking part in a group chat. ")
                .append("Each message from a person starts with their display name and a colon; ")
                .append("several people may be talking. Answer the latest messages addressed to you, ")
                .append("concisely, in the language they use. Markdown is rendered.");
        if (toolsOffered) {
            prompt.append(" You can search the web with web_search and read a page with fetch_page; ")
                    .append("use them for current or uncertain facts and name the URLs you used.");
        }
        if (settings.aiSystemPrompt() != null && !settings.aiSystemPrompt().isBlank()) {
            prompt.append("\n\nInstructions for this room:\n").append(settings.aiSystemPrompt().strip());
        }
        return prompt.toString();
    }

    private ObjectNode userTurn(Message m, StoredImage image) {
        boolean withImage = image != null;
        String name = m.displayName() == null ? (m.username() == null ? "someone" : m.username()) : m.displayName();
        String text = m.content() == null || m.content().isBlank() ? "" : m.content();
        if (m.imageUrl() != null && !withImage) text = text.isEmpty() ? "[an image]" : text + " [an image]";
        ObjectNode turn = json.createObjectNode().put("role", "user");
        String line = name + ": " + text;
        if (!withImage) return turn.put("content", line);
        ArrayNode parts = turn.putArray("content");
        parts.addObject().put("type", "text").put("text", line.strip());
        parts.addObject().put("type", "image_url").putObject("image_url").put("url",
                "data:" + image.contentType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes()));
        return turn;
    }

    /**
     * An answer is stored when it ends, after the messages people sent while it ran. In the
     * request it goes back to where it started (created_at minus latency), so the conversation
     * ends with the messages still unanswered, not with an assistant turn (which some models
     * would take as text to continue).
     */
    static List<Message> inAnswerOrder(List<Message> history) {
        List<Message> ordered = new ArrayList<>();
        for (Message m : history) {
            int at = ordered.size();
            Instant started = startOf(m);
            if (started != null) {
                while (at > 0 && Message.USER.equals(ordered.get(at - 1).kind())
                        && Instant.parse(ordered.get(at - 1).createdAt()).isAfter(started)) {
                    at--;
                }
            }
            ordered.add(at, m);
        }
        return ordered;
    }

    private static Instant startOf(Message m) {
        if (!Message.AI.equals(m.kind()) || m.ai() == null || m.ai().latencyMs() == null || m.createdAt() == null) {
            return null;
        }
        try {
            return Instant.parse(m.createdAt()).minusMillis(m.ai().latencyMs());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The newest human images (by message id) that fit the count and byte budget. */
    private Map<String, StoredImage> imagesToInline(List<Message> history) {
        Map<String, StoredImage> chosen = new HashMap<>();
        long bytes = 0;
        for (int i = history.size() - 1; i >= 0 && chosen.size() < maxImages; i--) {
            Message m = history.get(i);
            if (!Message.USER.equals(m.kind()) || m.imageUrl() == null) continue;
            Optional<StoredImage> image = rooms.chatImage(m.imageUrl());
            if (image.isEmpty() || bytes + image.get().bytes().length > maxImageBytes) continue;
            bytes += image.get().bytes().length;
            chosen.put(m.id(), image.get());
        }
        return chosen;
    }
}
