package groupchat.admin;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What server admins see: every account and room, whatever its privacy. */
@RegisterConstructorMapper(AdminUser.class)
public interface AdminDao {
    String USER = "SELECT id, username, display_name, avatar_url, nostr_pubkey, created_at, is_admin, disabled,"
            + " last_seen_at FROM users";
    /** {@code q} (may be null) matches inside the username or display name, ignoring case. */
    @SqlQuery(USER + " WHERE (:q IS NULL OR instr(lower(username), lower(:q)) > 0"
            + " OR instr(lower(display_name), lower(:q)) > 0) ORDER BY username_key LIMIT :limit OFFSET :offset")
    List<AdminUser> users(String q, int limit, int offset);

    @SqlQuery(USER + " WHERE id = :id")
    Optional<AdminUser> user(String id);

    /** Newest first. */
    @SqlQuery("SELECT id FROM rooms WHERE (:q IS NULL OR instr(lower(name), lower(:q)) > 0)"
            + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<String> roomIds(String q, int limit, int offset);

    @SqlQuery("SELECT COUNT(*) FROM messages WHERE room_id = :roomId")
    long messageCount(String roomId);

    /** Rooms in which the user is the only owner: deleting the account hands them over. */
    @SqlQuery("SELECT room_id FROM room_members m WHERE user_id = :userId AND role = 'owner'"
            + " AND NOT EXISTS (SELECT 1 FROM room_members o WHERE o.room_id = m.room_id AND o.role = 'owner'"
            + " AND o.user_id <> :userId)")
    List<String> roomsOwnedAlone(String userId);

    /** Who takes a room over: its longest-standing admin, else its longest-standing member. */
    @SqlQuery("SELECT user_id FROM room_members WHERE room_id = :roomId AND user_id <> :leaving"
            + " ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, joined_at, user_id LIMIT 1")
    Optional<String> successor(String roomId, String leaving);

    @SqlQuery("SELECT room_id FROM room_members WHERE user_id = :userId")
    List<String> roomsOf(String userId);
}
