package groupchat.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Stored rows to the API's messages: the AI meta read back from JSON, AI and system display names. */
final class MessageAssembler {
    private final ObjectMapper json;
    private final String aiName;

    MessageAssembler(ObjectMapper json, String aiName) {
        this.json = json;
        this.aiName = aiName;
    }

    Message toMessage(MessageRow row) {
        AiMeta meta = null;
        if (row.aiMeta() != null) {
            try {
                meta = json.readValue(row.aiMeta(), AiMeta.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable ai_meta of message " + row.id(), e);
            }
        }
        String displayName = row.userId() == null ? displayName(row.kind()) : row.displayName();
        return new Message(row.id(), row.roomId(), row.kind(), row.userId(), row.username(), displayName,
                row.avatarUrl(), row.content(), row.imageUrl(), row.replyTo(), row.clientMsgId(), row.hash(),
                row.createdAt(), meta);
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
        try {
            return json.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
