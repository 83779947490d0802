package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.AiRoomGateway;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.RoomDao;
import groupchat.rooms.RoomSettings;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.uploads.ChatImages;
import groupchat.uploads.StoredImage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The assistant's side of the stored rooms: what it reads (settings, recent history, images)
 * and the AI and system messages it stores, announced in the room's stored order. No
 * permission checks: the assistant acts for the room, not for a user.
 */
public final class AssistantMessages implements AiRoomGateway {
    private final Database db;
    private final RoomEvents events;
    private final Timestamps time;
    private final RoomOrder order;
    private final ChatImages images;
    private final MessageAssembler assembler;

    public AssistantMessages(Database db, RoomEvents events, Timestamps time, RoomOrder order, ChatImages images,
                             ObjectMapper json, String aiName) {
        this.db = db;
        this.events = events;
        this.time = time;
        this.order = order;
        this.images = images;
        this.assembler = new MessageAssembler(json, aiName);
    }

    @Override
    public Optional<RoomSettings> settings(String roomId) {
        return db.read(h -> h.attach(RoomDao.class).settings(roomId));
    }

    @Override
    public List<Message> recentMessages(String roomId, int limit) {
        return assembler.oldestFirst(db.read(h -> h.attach(MessageDao.class).newest(roomId, limit)));
    }

    @Override
    public Optional<StoredImage> chatImage(String imageUrl) {
        return images.readChatImage(imageUrl);
    }

    @Override
    public Message storeAiMessage(String roomId, String content, AiMeta meta, String triggeredByUserId,
                                  Function<Message, Object> announcement) {
        String metaJson = assembler.write(meta);
        return store(roomId, Message.AI, content, meta, announcement,
                (id, hash, createdAt) -> NewMessage.ai(id, roomId, content, hash, createdAt, meta, metaJson,
                        triggeredByUserId));
    }

    @Override
    public Message storeSystemMessage(String roomId, String content, Function<Message, Object> announcement) {
        return store(roomId, Message.SYSTEM, content, null, announcement,
                (id, hash, createdAt) -> NewMessage.system(id, roomId, content, hash, createdAt));
    }

    private interface Row {
        NewMessage of(String id, String hash, String createdAt);
    }

    /** Null when the room no longer exists (it was deleted while the answer ran). */
    private Message store(String roomId, String kind, String content, AiMeta meta,
                          Function<Message, Object> announcement, Row row) {
        return order.inOrder(roomId, () -> {
            Message stored = db.write(h -> {
                if (!h.attach(RoomDao.class).exists(roomId)) return null;
                String createdAt = time.now();
                String id = MessageIds.next();
                String hash = MessageHash.of(roomId, null, kind, content, null, createdAt);
                h.attach(MessageDao.class).insert(row.of(id, hash, createdAt));
                return new Message(id, roomId, kind, null, null, assembler.displayName(kind), null, content, null,
                        null, null, hash, createdAt, meta);
            });
            if (stored != null) events.publish(roomId, announcement.apply(stored));
            return stored;
        });
    }
}
