package groupchat.rooms;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Each member's read marker: the seq of the last message they have read in the room. */
public interface ReadMarkerDao {
    /**
     * The caller's ({@code :userId}) marker and unread count, as columns of {@link RoomDao#ROOM}.
     * The count walks messages_room_seq from the marker on, so it costs what is unread, not the
     * room's whole history; a non-member has no membership row, so the count is 0.
     */
    String FOR_CALLER = "(SELECT x.id FROM room_members rm JOIN messages x ON x.seq = rm.last_read_seq"
            + " WHERE rm.room_id = r.id AND rm.user_id = :userId) AS last_read_message_id,"
            + " (SELECT COUNT(*) FROM room_members rm JOIN messages x"
            + " ON x.room_id = rm.room_id AND x.seq > COALESCE(rm.last_read_seq, 0)"
            + " WHERE rm.room_id = r.id AND rm.user_id = :userId AND x.deleted = FALSE"
            + " AND (x.user_id IS NULL OR x.user_id <> :userId)) AS unread_count";

    @SqlQuery("SELECT seq FROM messages WHERE id = :messageId AND room_id = :roomId")
    Optional<Long> seqOf(String messageId, String roomId);

    /** Moves the marker forward only; returns 0 when it already is at or past {@code seq}. */
    @SqlUpdate("UPDATE room_members SET last_read_seq = :seq WHERE room_id = :roomId AND user_id = :userId"
            + " AND (last_read_seq IS NULL OR last_read_seq < :seq)")
    int moveForward(String roomId, String userId, long seq);
}
