package groupchat.nostr;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The few room and membership statements Nostr invites need, plus the pending invites table. */
public interface NostrInviteDao {
    @SqlQuery("SELECT is_public FROM rooms WHERE id = :roomId")
    Optional<Boolean> roomIsPublic(String roomId);

    @SqlQuery("SELECT role FROM room_members WHERE room_id = :roomId AND user_id = :userId")
    Optional<String> role(String roomId, String userId);

    /** 1 when the user became a member, 0 when it already was one (its role is kept). */
    @SqlUpdate("INSERT INTO room_members (room_id, user_id, role, joined_at)"
            + " VALUES (:roomId, :userId, 'member', :joinedAt) ON CONFLICT DO NOTHING")
    int addMember(String roomId, String userId, String joinedAt);

    @SqlUpdate("INSERT INTO nostr_pending_invites (room_id, pubkey, invited_by, created_at)"
            + " VALUES (:roomId, :pubkey, :invitedBy, :createdAt) ON CONFLICT DO NOTHING")
    void addPending(String roomId, String pubkey, String invitedBy, String createdAt);

    @SqlQuery("SELECT room_id FROM nostr_pending_invites WHERE pubkey = :pubkey ORDER BY created_at, room_id")
    List<String> pendingRooms(String pubkey);

    @SqlUpdate("DELETE FROM nostr_pending_invites WHERE pubkey = :pubkey")
    void deletePending(String pubkey);
}
