package groupchat.ai;

import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import groupchat.messages.MessageService;
import groupchat.rooms.RoomService;
import groupchat.rooms.RoomSettings;
import groupchat.uploads.ChatImages;
import groupchat.uploads.StoredImage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The assistant's view of the stored rooms, messages and chat images. */
public final class StoredRooms implements AiRoomGateway {
    private final RoomService rooms;
    private final MessageService messages;
    private final ChatImages images;

    public StoredRooms(RoomService rooms, MessageService messages, ChatImages images) {
        this.rooms = rooms;
        this.messages = messages;
        this.images = images;
    }

    @Override
    public Optional<RoomSettings> settings(String roomId) {
        return rooms.settings(roomId);
    }

    @Override
    public List<Message> recentMessages(String roomId, int limit) {
        return messages.recent(roomId, limit);
    }

    @Override
    public Optional<StoredImage> chatImage(String imageUrl) {
        return images.readChatImage(imageUrl);
    }

    @Override
    public Message storeAiMessage(String roomId, String content, AiMeta meta, String triggeredByUserId,
                                  Function<Message, Object> announcement) {
        return messages.storeAssistant(roomId, content, meta, triggeredByUserId, announcement);
    }

    @Override
    public Message storeSystemMessage(String roomId, String content, Function<Message, Object> announcement) {
        return messages.storeAssistant(roomId, content, null, null, announcement);
    }
}
