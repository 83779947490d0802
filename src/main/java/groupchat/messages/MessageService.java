package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.Assistant;
import groupchat.auth.User;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.Memberships;
import groupchat.rooms.RoomDao;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.uploads.ChatImages;
import groupchat.web.ApiError;
import groupchat.web.Texts;

/**
 * Posting human messages, over HTTP and the WebSocket alike: the content rules, storing, the
 * announcement in the room's stored order, then the assistant's turn.
 */
public final class MessageService {
    public static final int MAX_CONTENT = 16_000;
    private static final int MAX_CLIENT_MSG_ID = 128;

    /** The stored message; {@code created} false when its client_msg_id had been stored before. */
    public record Posted(Message message, boolean created) {}

    private final Database db;
    private final RoomEvents events;
    private final Timestamps time;
    private final RoomOrder order;
    private final ChatImages chatImages;
    private final Assistant assistant;
    private final Memberships memberships;
    private final MessageAssembler assembler;

    public MessageService(Database db, RoomEvents events, Timestamps time, RoomOrder order, ChatImages chatImages,
                          Assistant assistant, Memberships memberships, ObjectMapper json, String aiName) {
        this.db = db;
        this.memberships = memberships;
        this.events = events;
        this.time = time;
        this.order = order;
        this.chatImages = chatImages;
        this.assistant = assistant;
        this.assembler = new MessageAssembler(json, aiName);
    }

    /** Content as stored (posted or edited): trimmed, 1-16000 characters (0 with an image), valid Unicode. */
    static String checkedContent(String content, boolean withImage) {
        String text = content == null ? "" : content.strip();
        Texts.checkLength("content", text, withImage ? 0 : 1, MAX_CONTENT);
        Texts.requireWellFormed("content", text);
        return text;
    }

    public Posted post(User me, PostMessage command) {
        String roomId = command.roomId();
        String imageUrl = command.imageUrl();
        String replyTo = command.replyTo();
        String clientMsgId = command.clientMsgId();
        String text = checkedContent(command.content(), imageUrl != null);
        if (imageUrl != null && !chatImages.isIssuedChatImage(imageUrl)) {
            throw ApiError.badRequest("Field 'image_url' must be a chat image uploaded to this server");
        }
        if (clientMsgId != null) Texts.checkLength("client_msg_id", clientMsgId, 1, MAX_CLIENT_MSG_ID);
        if (replyTo != null) Texts.checkLength("reply_to", replyTo, 1, 64);

        // A known member costs no read; anyone else is checked in the write, which says why not.
        String[] aiMode = {memberships.aiModeOfMember(roomId, me.id())};
        Posted posted = order.inOrder(roomId, () -> {
            Posted stored = db.write(h -> {
                if (aiMode[0] == null) {
                    aiMode[0] = RoomAccess.requireMembership(h.attach(RoomDao.class), roomId, me.id()).aiMode();
                }
                MessageDao messages = h.attach(MessageDao.class);
                if (replyTo != null && !messages.existsInRoom(replyTo, roomId)) {
                    throw ApiError.badRequest("Field 'reply_to' must be a message of this room");
                }
                String createdAt = time.now();
                String id = MessageIds.next();
                String hash = MessageHash.of(roomId, me.id(), Message.USER, text, imageUrl, createdAt);
                // Insert first: a repeated client_msg_id hits the unique index, and only then is
                // the first message looked up, so the common case costs no extra query.
                int added;
                try {
                    added = messages.insert(NewMessage.human(id, roomId, me.id(), text, imageUrl, replyTo,
                            clientMsgId, hash, createdAt));
                } catch (RuntimeException e) {
                    // The room deleted since the cache was read (its foreign key): refused like a non-member.
                    RoomAccess.requireMembership(h.attach(RoomDao.class), roomId, me.id());
                    throw e;
                }
                if (added == 0) {
                    return new Posted(assembler.toMessage(messages.findByClientMsgId(roomId, me.id(), clientMsgId)
                            .orElseThrow()), false);
                }
                return new Posted(new Message(id, roomId, Message.USER, me.id(), me.username(), me.displayName(),
                        me.avatarUrl(), text, imageUrl, replyTo, clientMsgId, hash, createdAt, null), true);
            });
            if (stored.created()) events.publish(roomId, Events.newMessage(stored.message()));
            return stored;
        });
        if (posted.created()) assistant.messagePosted(posted.message(), aiMode[0]);
        return posted;
    }
}
