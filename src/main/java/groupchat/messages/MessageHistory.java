package groupchat.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.User;
import groupchat.rooms.Memberships;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.storage.Database;
import groupchat.web.ApiError;
import java.util.List;
import java.util.regex.Pattern;

/** Reading stored messages: a room's history page by page, and a message by its hash. Members only. */
public final class MessageHistory {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Database db;
    private final ObjectMapper json;
    private final MessageAssembler assembler;
    private final Memberships memberships;
    private final NewestPages newestPages;

    public MessageHistory(Database db, ObjectMapper json, String aiName, Memberships memberships,
                          NewestPages newestPages) {
        this.db = db;
        this.json = json;
        this.assembler = new MessageAssembler(json, aiName);
        this.memberships = memberships;
        this.newestPages = newestPages;
    }

    /**
     * A page of history as JSON, oldest first: before or after a message, or the newest. A member
     * (known to the membership cache) reading the newest page costs no query at all.
     */
    public byte[] page(User me, String roomId, String before, String after, Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) throw ApiError.badRequest("Parameter 'limit' must be 1-200");
        if (before != null && after != null) throw ApiError.badRequest("Give 'before' or 'after', not both");
        // Not a member as far as the cache knows: the database says which error (404 or 403).
        if (!memberships.isMember(roomId, me.id())) {
            db.read(h -> RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id()));
        }
        if (before == null && after == null) {
            return newestPages.newest(roomId, size,
                    () -> encode(assembler.oldestFirst(db.read(h -> h.attach(MessageDao.class).newest(roomId, size)))));
        }
        return encode(db.read(h -> {
            MessageDao messages = h.attach(MessageDao.class);
            if (before != null) {
                long seq = messages.seqOf(before, roomId)
                        .orElseThrow(() -> ApiError.badRequest("Parameter 'before' is not a message of this room"));
                return assembler.oldestFirst(messages.before(roomId, seq, size));
            }
            long seq = messages.seqOf(after, roomId)
                    .orElseThrow(() -> ApiError.badRequest("Parameter 'after' is not a message of this room"));
            return messages.after(roomId, seq, size).stream().map(assembler::toMessage).toList();
        }));
    }

    public Message byHash(User me, String hash) {
        ApiError missing = ApiError.notFound("Message not found");
        if (hash == null || !HASH.matcher(hash).matches()) throw missing;
        return db.read(h -> h.attach(MessageDao.class).findByHashForMember(hash, me.id()))
                .map(assembler::toMessage).orElseThrow(() -> missing);
    }

    private byte[] encode(List<Message> messages) {
        try {
            return json.writeValueAsBytes(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("messages do not serialize", e);
        }
    }
}
