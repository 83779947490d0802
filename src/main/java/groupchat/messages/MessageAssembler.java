package groupchat.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stored rows to the API's messages: the AI meta and the reactions read back from JSON, AI and
 * system display names.
 */
public final class MessageAssembler {
    private static final TypeReference<List<Message.Reaction>> REACTIONS = new TypeReference<>() {};

    private final ObjectMapper json;
    private final String aiName;

    public MessageAssembler(ObjectMapper json, String aiName) {
        this.json = json;
        this.aiName = aiName;
    }

    public Message toMessage(MessageRow row) {
        AiMeta meta = null;
        List<Message.Reaction> reactions = List.of();
        try {
            if (row.aiMeta() != null) meta = json.readValue(row.aiMeta(), AiMeta.class);
            if (row.reactions() != null) reactions = json.readValue(row.reactions(), REACTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column of message " + row.id(), e);
        }
        String displayName = row.userId() == null ? displayName(row.kind()) : row.displayName();
        return new Message(row.id(), row.roomId(), row.kind(), row.userId(), row.username(), displayName,
                row.avatarUrl(), row.content(), row.imageUrl(), row.replyTo(), row.clientMsgId(), row.hash(),
                row.createdAt(), meta, row.editedAt(), row.deleted(), reactions);
    }

    /** Rows read newest first, as messages oldest first. */
    List<Message> oldestFirst(List<MessageRow> newestFirst) {
        List<Message> messages = new ArrayList<>(newestFirst.size());
        for (MessageRow row : newestFirst) messages.add(toMessage(row));
        Collections.reverse(messages);
        return messages;
    }

    String displayName(String kind) {
        return Message.AI.equals(kind) ? aiName : Message.SYSTEM.equals(kind) ? "System" : null;
    }

    String write(AiMeta meta) {
        return writeJson(meta);
    }

    /** A message's reactions column: null when there are none. */
    String write(List<Message.Reaction> reactions) {
        return reactions.isEmpty() ? null : writeJson(reactions);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
