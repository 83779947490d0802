package groupchat.ai;

import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.RoomSettings;
import groupchat.uploads.StoredImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/** The rooms/messages side of the assistant, in memory, for the assistant's own tests. */
final class InMemoryRooms implements AiRoomGateway {
    record Stored(Message message, String triggeredBy) {}

    private final RoomEvents events;

    private final Map<String, RoomSettings> settings = new ConcurrentHashMap<>();
    private final Map<String, List<Stored>> messages = new ConcurrentHashMap<>();
    private final Map<String, StoredImage> images = new ConcurrentHashMap<>();

    InMemoryRooms(RoomEvents events) {
        this.events = events;
    }

    String room(String mode) {
        return room(new RoomSettings(mode, null, null, true, null));
    }

    String room(RoomSettings s) {
        String id = UUID.randomUUID().toString();
        settings.put(id, s);
        messages.put(id, new ArrayList<>());
        return id;
    }

    void update(String roomId, RoomSettings s) {
        settings.put(roomId, s);
    }

    void delete(String roomId) {
        settings.remove(roomId);
        messages.remove(roomId);
    }

    void image(String url, String contentType, byte[] bytes) {
        images.put(url, new StoredImage(bytes, contentType));
    }

    Message human(String roomId, String userId, String displayName, String content) {
        return human(roomId, userId, displayName, content, null);
    }

    Message human(String roomId, String userId, String displayName, String content, String imageUrl) {
        return add(roomId, Message.USER, userId, displayName, content, imageUrl, null, null);
    }

    List<Stored> stored(String roomId) {
        synchronized (this) {
            return List.copyOf(messages.getOrDefault(roomId, List.of()));
        }
    }

    @Override
    public Optional<RoomSettings> settings(String roomId) {
        return Optional.ofNullable(settings.get(roomId));
    }

    @Override
    public synchronized List<Message> recentMessages(String roomId, int limit) {
        List<Stored> all = messages.getOrDefault(roomId, List.of());
        return all.subList(Math.max(0, all.size() - limit), all.size()).stream().map(Stored::message).toList();
    }

    @Override
    public Optional<StoredImage> chatImage(String imageUrl) {
        return Optional.ofNullable(images.get(imageUrl));
    }

    @Override
    public synchronized Message storeAiMessage(String roomId, String content, AiMeta meta, String triggeredByUserId,
                                               Function<Message, Object> announcement) {
        Message m = add(roomId, Message.AI, null, "AI", content, null, meta, triggeredByUserId);
        events.publish(roomId, announcement.apply(m));
        return m;
    }

    @Override
    public synchronized Message storeSystemMessage(String roomId, String content,
                                                   Function<Message, Object> announcement) {
        Message m = add(roomId, Message.SYSTEM, null, null, content, null, null, null);
        events.publish(roomId, announcement.apply(m));
        return m;
    }

    private synchronized Message add(String roomId, String kind, String userId, String displayName, String content,
                                     String imageUrl, AiMeta meta, String triggeredBy) {
        List<Stored> list = messages.get(roomId);
        if (list == null) throw new IllegalStateException("no room " + roomId);
        Message m = new Message(UUID.randomUUID().toString(), roomId, kind, userId,
                displayName == null ? null : displayName.toLowerCase(), displayName, null, content, imageUrl, null,
                null, "0".repeat(64), Instant.now().toString(), meta);
        list.add(new Stored(m, triggeredBy));
        return m;
    }
}
