package groupchat.rooms;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(RoomMappers.RoomMapper.class)
@RegisterRowMapper(RoomMappers.MemberMapper.class)
public interface RoomDao {
    String ROOM = "SELECT r.id, r.name, r.description, r.is_public, r.created_by, r.created_at,"
            + " r.member_count,"
            + " (SELECT m.role FROM room_members m WHERE m.room_id = r.id AND m.user_id = :userId) AS my_role,"
            + " r.ai_mode, r.ai_model, r.ai_system_prompt, r.ai_web_search, r.ai_budget_usd, r.kind, "
            + ReadMarkerDao.FOR_CALLER + " FROM rooms r";

    @SqlUpdate("INSERT INTO rooms (id, name, description, is_public, created_by, created_at, ai_mode, ai_model,"
            + " ai_system_prompt, ai_web_search, ai_budget_usd) VALUES (:id, :name, :description, :isPublic, :createdBy,"
            + " :createdAt, :s.aiMode, :s.aiModel, :s.aiSystemPrompt, :s.aiWebSearch, :s.aiBudgetUsd)")
    void insert(String id, String name, String description, boolean isPublic, String createdBy, String createdAt,
                @BindMethods("s") RoomSettings settings);

    @SqlUpdate("UPDATE rooms SET name = :name, description = :description, is_public = :isPublic,"
            + " ai_mode = :s.aiMode, ai_model = :s.aiModel, ai_system_prompt = :s.aiSystemPrompt,"
            + " ai_web_search = :s.aiWebSearch, ai_budget_usd = :s.aiBudgetUsd WHERE id = :id")
    void update(String id, String name, String description, boolean isPublic,
                @BindMethods("s") RoomSettings settings);

    @SqlUpdate("DELETE FROM rooms WHERE id = :id")
    void delete(String id);

    /** The room as seen by {@code userId} (whose role fills my_role). */
    @SqlQuery(ROOM + " WHERE r.id = :id")
    Optional<Room> find(String id, String userId);

    @SqlQuery(ROOM + " WHERE r.id IN (SELECT room_id FROM room_members WHERE user_id = :userId) ORDER BY r.created_at, r.id")
    List<Room> listForUser(String userId);

    /** A page of public rooms, most members first, then newest; {@code q} (lower case) filters names when not null. */
    @SqlQuery(ROOM + " WHERE r.is_public = TRUE AND (:q IS NULL OR instr(lower(r.name), :q) > 0)"
            + " ORDER BY r.member_count DESC, r.created_at DESC, r.id LIMIT :limit OFFSET :offset")
    List<Room> listPublic(String userId, String q, int limit, int offset);

    /** Every member's user id: the membership cache loads a room with it. */
    @SqlQuery("SELECT user_id FROM room_members WHERE room_id = :roomId")
    List<String> memberIds(String roomId);

    @SqlQuery("SELECT ai_mode FROM rooms WHERE id = :roomId")
    Optional<String> aiMode(String roomId);

    @SqlQuery("SELECT ai_mode, ai_model, ai_system_prompt, ai_web_search, ai_budget_usd FROM rooms WHERE id = :id")
    @RegisterRowMapper(RoomMappers.SettingsMapper.class)
    Optional<RoomSettings> settings(String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM rooms WHERE id = :id)")
    boolean exists(String id);

    @SqlQuery("SELECT role FROM room_members WHERE room_id = :roomId AND user_id = :userId")
    Optional<String> role(String roomId, String userId);

    /** What access checks need, without the counting that {@link #find} does. */
    record Access(boolean isPublic, String role, String aiMode) {}

    @SqlQuery("SELECT r.is_public, m.role, r.ai_mode FROM rooms r"
            + " LEFT JOIN room_members m ON m.room_id = r.id AND m.user_id = :userId WHERE r.id = :roomId")
    @RegisterRowMapper(RoomMappers.AccessMapper.class)
    Optional<Access> access(String roomId, String userId);

    @SqlQuery("SELECT u.id, u.username, u.display_name, u.avatar_url, u.nostr_pubkey, u.created_at, u.is_admin, m.role, m.joined_at"
            + " FROM room_members m JOIN users u ON u.id = m.user_id WHERE m.room_id = :roomId"
            + " ORDER BY m.joined_at, u.username_key")
    List<Member> members(String roomId);

    @SqlQuery("SELECT u.id, u.username, u.display_name, u.avatar_url, u.nostr_pubkey, u.created_at, u.is_admin, m.role, m.joined_at"
            + " FROM room_members m JOIN users u ON u.id = m.user_id WHERE m.room_id = :roomId AND m.user_id = :userId")
    Optional<Member> member(String roomId, String userId);

    /** Adds a member; does nothing when already one (so joins are idempotent). Returns rows added. */
    @SqlUpdate("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (:roomId, :userId, :role, :joinedAt)"
            + " ON CONFLICT (room_id, user_id) DO NOTHING")
    int addMember(String roomId, String userId, String role, String joinedAt);

    @SqlUpdate("UPDATE room_members SET role = :role WHERE room_id = :roomId AND user_id = :userId")
    int setRole(String roomId, String userId, String role);

    @SqlUpdate("DELETE FROM room_members WHERE room_id = :roomId AND user_id = :userId")
    int removeMember(String roomId, String userId);

    @SqlQuery("SELECT COUNT(*) FROM room_members WHERE room_id = :roomId AND role = 'owner'")
    int ownerCount(String roomId);
}
