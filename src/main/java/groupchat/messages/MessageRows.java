package groupchat.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Turns stored {@link MessageRow}s into the API's {@link Message}s (the JSON columns parsed). */
public final class MessageRows {
    private static final TypeReference<List<Message.Reaction>> REACTIONS = new TypeReference<>() {};

    private final ObjectMapper json;
    private final String aiName;

    public MessageRows(ObjectMapper json, String aiName) {
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

    /** The display name of messages nobody wrote: AI_NAME for answers, "System" for notices. */
    public String displayName(String kind) {
        return Message.AI.equals(kind) ? aiName : Message.SYSTEM.equals(kind) ? "System" : null;
    }

    /** The JSON of a message's reactions column; null when there are none. */
    public String reactionsJson(List<Message.Reaction> reactions) {
        if (reactions.isEmpty()) return null;
        try {
            return json.writeValueAsString(reactions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
