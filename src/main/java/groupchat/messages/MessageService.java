package groupchat.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.User;
import groupchat.ratelimit.RateLimiter;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.uploads.ChatImages;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Storing and reading messages. Every stored message is announced to its room in stored order. */
public final class MessageService {
    public static final int MAX_CONTENT = 16_000;
    private static final int MAX_CLIENT_MSG_ID = 128;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String CHAT_IMAGES = "/uploads/chat-images/";

    public record Posted(Message message, boolean created) {}

    /** Told of each new human message, with the room's AI mode read in the same transaction. */
    @FunctionalInterface
    public interface HumanMessageListener {
        void onHumanMessage(Message message, String aiMode);
    }

    private final Database db;
    private final RoomEvents events;
    private final Timestamps time;
    private final ObjectMapper json;
    private final ChatImages chatImages;
    private final MessageRows rows;
    private final RateLimiter perUser;
    private HumanMessageListener afterHumanMessage = (message, aiMode) -> { };
    // A room's lock is held from insert to announcement, so each room's announcements leave in
    // the order its rows were stored. Striped: rooms share a few locks instead of one global one.
    private final ReentrantLock[] roomOrder = new ReentrantLock[64];

    /** @param perUser messages per user (RATE_LIMIT_MESSAGES_PER_MINUTE), for HTTP and WebSocket alike */
    public MessageService(Database db, RoomEvents events, Timestamps time, ObjectMapper json, ChatImages chatImages,
                          String aiName, RateLimiter perUser) {
        this.db = db;
        this.events = events;
        this.time = time;
        this.json = json;
        this.chatImages = chatImages;
        this.rows = new MessageRows(json, aiName);
        this.perUser = perUser;
        for (int i = 0; i < roomOrder.length; i++) roomOrder[i] = new ReentrantLock();
    }

    /** Called after each new human message is stored and announced (the AI's trigger). */
    public void onHumanMessage(HumanMessageListener listener) {
        this.afterHumanMessage = listener;
    }

    public Posted post(User me, String roomId, String content, String imageUrl, String replyTo, String clientMsgId) {
        long retryAfter = perUser.acquire(me.id());
        if (retryAfter > 0) throw ApiError.rateLimited(retryAfter);
        String text = checkedContent(content, imageUrl != null);
        if (imageUrl != null && (!imageUrl.startsWith(CHAT_IMAGES) || !chatImages.isIssuedChatImage(imageUrl))) {
            throw ApiError.badRequest("Field 'image_url' must be a chat image uploaded to this server");
        }
        if (clientMsgId != null) Texts.checkLength("client_msg_id", clientMsgId, 1, MAX_CLIENT_MSG_ID);
        if (replyTo != null) Texts.checkLength("reply_to", replyTo, 1, 64);

        Posted posted;
        String[] aiMode = {null};
        ReentrantLock order = orderOf(roomId);
        order.lock();
        try {
            posted = db.write(h -> {
                aiMode[0] = RoomAccess.requireMembership(h, roomId, me.id()).aiMode();
                MessageDao messages = h.attach(MessageDao.class);
                if (replyTo != null && !messages.existsInRoom(replyTo, roomId)) {
                    throw ApiError.badRequest("Field 'reply_to' must be a message of this room");
                }
                String createdAt = time.now();
                String id = UUID.randomUUID().toString();
                String hash = MessageHash.of(roomId, me.id(), Message.USER, text, imageUrl, createdAt);
                // Insert first: a repeated client_msg_id hits the unique index, and only then is
                // the first message looked up, so the common case costs no extra query.
                int added = messages.insert(id, roomId, Message.USER, me.id(), text, imageUrl, replyTo, clientMsgId,
                        hash, createdAt, null, null, null, null, null);
                if (added == 0) {
                    return new Posted(toMessage(messages.findByClientMsgId(roomId, me.id(), clientMsgId)
                            .orElseThrow()), false);
                }
                return new Posted(new Message(id, roomId, Message.USER, me.id(), me.username(), me.displayName(),
                        me.avatarUrl(), text, imageUrl, replyTo, clientMsgId, hash, createdAt, null), true);
            });
            if (posted.created()) events.publish(roomId, Events.newMessage(posted.message()));
        } finally {
            order.unlock();
        }
        if (posted.created()) afterHumanMessage.onHumanMessage(posted.message(), aiMode[0]);
        return posted;
    }

    /** Content as stored: trimmed, 1-16000 characters (0 with an image), valid Unicode. */
    static String checkedContent(String content, boolean withImage) {
        String text = content == null ? "" : content.strip();
        Texts.checkLength("content", text, withImage ? 0 : 1, MAX_CONTENT);
        Texts.requireWellFormed("content", text);
        return text;
    }

    /**
     * Stores an AI answer ({@code meta} set) or a system message, and announces it with the
     * event {@code announce} makes of it (the AI's stream end, never a new_message).
     * Returns null when the room no longer exists.
     */
    public Message storeAssistant(String roomId, String content, AiMeta meta, String triggeredBy,
                                  Function<Message, Object> announce) {
        String kind = meta == null ? Message.SYSTEM : Message.AI;
        String metaJson = meta == null ? null : write(meta);
        ReentrantLock order = orderOf(roomId);
        order.lock();
        try {
            Message stored = db.write(h -> {
                if (!h.attach(RoomDao.class).exists(roomId)) return null;
                String createdAt = time.now();
                String id = UUID.randomUUID().toString();
                String hash = MessageHash.of(roomId, null, kind, content, null, createdAt);
                h.attach(MessageDao.class).insert(id, roomId, kind, null, content, null, null, null, hash, createdAt,
                        metaJson, meta == null ? null : triggeredBy,
                        meta == null ? null : meta.promptTokens(), meta == null ? null : meta.completionTokens(),
                        meta == null ? null : meta.cost());
                return new Message(id, roomId, kind, null, null, displayName(kind), null, content, null, null, null,
                        hash, createdAt, meta);
            });
            if (stored != null) events.publish(roomId, announce.apply(stored));
            return stored;
        } finally {
            order.unlock();
        }
    }

    /** A page of history, oldest first. */
    public List<Message> page(User me, String roomId, String before, String after, Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) throw ApiError.badRequest("Parameter 'limit' must be 1-200");
        if (before != null && after != null) throw ApiError.badRequest("Give 'before' or 'after', not both");
        List<MessageRow> rows = db.read(h -> {
            RoomAccess.requireMember(h, roomId, me.id());
            MessageDao messages = h.attach(MessageDao.class);
            if (before != null) {
                long seq = messages.seqOf(before, roomId)
                        .orElseThrow(() -> ApiError.badRequest("Parameter 'before' is not a message of this room"));
                return reversed(messages.before(roomId, seq, size));
            }
            if (after != null) {
                long seq = messages.seqOf(after, roomId)
                        .orElseThrow(() -> ApiError.badRequest("Parameter 'after' is not a message of this room"));
                return messages.after(roomId, seq, size);
            }
            return reversed(messages.newest(roomId, size));
        });
        return rows.stream().map(this::toMessage).toList();
    }

    /** The latest messages of a room, oldest first, without a permission check (for the AI). */
    public List<Message> recent(String roomId, int limit) {
        return reversed(db.read(h -> h.attach(MessageDao.class).newest(roomId, limit))).stream()
                .map(this::toMessage).toList();
    }

    public Message byHash(User me, String hash) {
        ApiError missing = ApiError.notFound("Message not found");
        if (hash == null || !HASH.matcher(hash).matches()) throw missing;
        return db.read(h -> h.attach(MessageDao.class).findByHashForMember(hash, me.id()))
                .map(this::toMessage).orElseThrow(() -> missing);
    }

    /**
     * Runs a change to the room's stored messages and its announcement under the room's order
     * lock, so the event keeps its place among the room's other events (edits, deletes, reactions).
     */
    public <T> T inRoomOrder(String roomId, Supplier<T> changeAndAnnounce) {
        ReentrantLock order = orderOf(roomId);
        order.lock();
        try {
            return changeAndAnnounce.get();
        } finally {
            order.unlock();
        }
    }

    private ReentrantLock orderOf(String roomId) {
        return roomOrder[Math.floorMod(roomId.hashCode(), roomOrder.length)];
    }

    private Message toMessage(MessageRow row) {
        return rows.toMessage(row);
    }

    private String displayName(String kind) {
        return rows.displayName(kind);
    }

    private String write(AiMeta meta) {
        try {
            return json.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
