package groupchat.invites;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(InviteRow.class)
public interface InviteDao {
    String SELECT = "SELECT i.token, i.room_id, r.name AS room_name, r.description AS room_description, i.created_by,"
            + " i.created_at, i.expires_at, i.max_uses, i.uses, i.revoked FROM invites i JOIN rooms r ON r.id = i.room_id";

    @SqlUpdate("INSERT INTO invites (token, room_id, created_by, created_at, expires_at, max_uses)"
            + " VALUES (:token, :roomId, :createdBy, :createdAt, :expiresAt, :maxUses)")
    void insert(String token, String roomId, String createdBy, String createdAt, String expiresAt, Integer maxUses);

    @SqlQuery(SELECT + " WHERE i.token = :token")
    Optional<InviteRow> find(String token);

    @SqlQuery(SELECT + " WHERE i.room_id = :roomId AND i.revoked = FALSE ORDER BY i.created_at, i.token")
    List<InviteRow> listForRoom(String roomId);

    @SqlQuery(SELECT + " WHERE i.revoked = FALSE AND i.room_id IN (SELECT room_id FROM room_members"
            + " WHERE user_id = :userId AND role IN ('owner', 'admin')) ORDER BY i.created_at, i.token")
    List<InviteRow> listManagedBy(String userId);

    /** Counts one use if the invite is still usable; the condition makes two racing accepts safe. */
    @SqlUpdate("UPDATE invites SET uses = uses + 1 WHERE token = :token AND revoked = FALSE"
            + " AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > :now)")
    int useOnce(String token, String now);

    @SqlUpdate("UPDATE invites SET revoked = TRUE WHERE token = :token")
    void revoke(String token);
}
