package groupchat.nostr;

import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Invites waiting for a Nostr key's first login. */
public interface NostrInviteDao {
    @SqlUpdate("INSERT INTO nostr_pending_invites (room_id, pubkey, invited_by, created_at)"
            + " VALUES (:roomId, :pubkey, :invitedBy, :createdAt) ON CONFLICT DO NOTHING")
    void addPending(String roomId, String pubkey, String invitedBy, String createdAt);

    @SqlQuery("SELECT room_id FROM nostr_pending_invites WHERE pubkey = :pubkey ORDER BY created_at, room_id")
    List<String> pendingRooms(String pubkey);

    @SqlUpdate("DELETE FROM nostr_pending_invites WHERE pubkey = :pubkey")
    void deletePending(String pubkey);
}
