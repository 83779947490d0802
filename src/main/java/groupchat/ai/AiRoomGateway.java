package groupchat.ai;

import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import groupchat.rooms.RoomSettings;
import groupchat.uploads.StoredImage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the assistant needs from rooms and messages. The messages feature implements it; the
 * assistant's tests use an in-memory one.
 */
public interface AiRoomGateway {
    /** The room's AI settings; empty when the room no longer exists. */
    Optional<RoomSettings> settings(String roomId);

    /** The newest {@code limit} messages of the room, oldest first. */
    List<Message> recentMessages(String roomId, int limit);

    /** The bytes of a {@code /uploads/chat-images/...} file this server stored; empty if gone. */
    Optional<StoredImage> chatImage(String imageUrl);

    /**
     * Stores one {@code ai} message (user_id null, display name AI_NAME) with its meta and the
     * ai_* usage columns, and publishes {@code announcement} of it (the stream end, never a
     * {@code new_message}) in the room's stored order. Returns null when the room is gone.
     */
    Message storeAiMessage(String roomId, String content, AiMeta meta, String triggeredByUserId,
                           Function<Message, Object> announcement);

    /** The same for a {@code system} message (a failure or a stop before any text). */
    Message storeSystemMessage(String roomId, String content, Function<Message, Object> announcement);
}
