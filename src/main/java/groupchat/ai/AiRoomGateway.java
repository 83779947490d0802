package groupchat.ai;

import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import java.util.List;
import java.util.Optional;

/**
 * What the assistant needs from rooms and messages. The messages feature implements it; the
 * assistant's tests use an in-memory one.
 */
public interface AiRoomGateway {
    /** The room's AI settings; empty when the room no longer exists. */
    Optional<RoomAiSettings> settings(String roomId);

    /** The newest {@code limit} messages of the room, oldest first. */
    List<Message> recentMessages(String roomId, int limit);

    /** The bytes of a {@code /uploads/chat-images/...} file this server stored; empty if gone. */
    Optional<ChatImage> chatImage(String imageUrl);

    /**
     * Stores one {@code ai} message (user_id null, display name AI_NAME) with its meta and the
     * ai_* usage columns, and returns it. Must NOT publish {@code new_message}: the assistant
     * sends it in {@code ai_stream_end}.
     */
    Message storeAiMessage(String roomId, String content, AiMeta meta, String triggeredByUserId);

    /** Stores one {@code system} message and returns it; must NOT publish {@code new_message} either. */
    Message storeSystemMessage(String roomId, String content);

    /** ai_mode is {@code mention}, {@code always} or {@code off}; aiModel null means DEFAULT_MODEL. */
    record RoomAiSettings(String aiMode, String aiModel, String aiSystemPrompt, boolean aiWebSearch) {}

    record ChatImage(String contentType, byte[] bytes) {}
}
