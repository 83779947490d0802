package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.User;
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
    private final MessageAssembler assembler;

    public MessageHistory(Database db, ObjectMapper json, String aiName) {
        this.db = db;
        this.assembler = new MessageAssembler(json, aiName);
    }

    /** A page of history, oldest first: before or after a message, or the newest. */
    public List<Message> page(User me, String roomId, String before, String after, Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) throw ApiError.badRequest("Parameter 'limit' must be 1-200");
        if (before != null && after != null) throw ApiError.badRequest("Give 'before' or 'after', not both");
        return db.read(h -> {
            RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            MessageDao messages = h.attach(MessageDao.class);
            if (before != null) {
                long seq = messages.seqOf(before, roomId)
                        .orElseThrow(() -> ApiError.badRequest("Parameter 'before' is not a message of this room"));
                return assembler.oldestFirst(messages.before(roomId, seq, size));
            }
            if (after != null) {
                long seq = messages.seqOf(after, roomId)
                        .orElseThrow(() -> ApiError.badRequest("Parameter 'after' is not a message of this room"));
                return messages.after(roomId, seq, size).stream().map(assembler::toMessage).toList();
            }
            return assembler.oldestFirst(messages.newest(roomId, size));
        });
    }

    public Message byHash(User me, String hash) {
        ApiError missing = ApiError.notFound("Message not found");
        if (hash == null || !HASH.matcher(hash).matches()) throw missing;
        return db.read(h -> h.attach(MessageDao.class).findByHashForMember(hash, me.id()))
                .map(assembler::toMessage).orElseThrow(() -> missing);
    }
}
