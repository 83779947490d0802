package groupchat.rooms;

import groupchat.auth.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers for the nested shapes (settings inside a room, a user inside a member). */
public final class RoomMappers {
    private RoomMappers() {}

    public static final class RoomMapper implements RowMapper<Room> {
        private static final SettingsMapper SETTINGS = new SettingsMapper();

        @Override
        public Room map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Room(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("description"),
                    rs.getBoolean("is_public"),
                    rs.getString("created_by"),
                    rs.getString("created_at"),
                    rs.getInt("member_count"),
                    rs.getString("my_role"),
                    SETTINGS.map(rs, ctx),
                    rs.getString("kind"),
                    rs.getString("last_read_message_id"),
                    rs.getInt("unread_count"));
        }
    }

    public static final class MemberMapper implements RowMapper<Member> {
        private static final User.Mapper USER = new User.Mapper();

        @Override
        public Member map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Member(USER.map(rs, ctx), rs.getString("role"), rs.getString("joined_at"));
        }
    }

    /** On every message post and history read, so mapped by hand. */
    public static final class AccessMapper implements RowMapper<RoomDao.Access> {
        @Override
        public RoomDao.Access map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new RoomDao.Access(rs.getBoolean(1), rs.getString(2), rs.getString(3));
        }
    }

    /** Read for every human message (does the AI answer here?), so mapped by hand. */
    public static final class SettingsMapper implements RowMapper<RoomSettings> {
        @Override
        public RoomSettings map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new RoomSettings(rs.getString("ai_mode"), rs.getString("ai_model"),
                    rs.getString("ai_system_prompt"), rs.getBoolean("ai_web_search"),
                    rs.getObject("ai_budget_usd") == null ? null : rs.getDouble("ai_budget_usd"));
        }
    }
}
