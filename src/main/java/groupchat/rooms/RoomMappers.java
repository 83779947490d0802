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
                    new RoomSettings(rs.getString("ai_mode"), rs.getString("ai_model"),
                            rs.getString("ai_system_prompt"), rs.getBoolean("ai_web_search")));
        }
    }

    public static final class MemberMapper implements RowMapper<Member> {
        @Override
        public Member map(ResultSet rs, StatementContext ctx) throws SQLException {
            User user = new User(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                    rs.getString("avatar_url"), rs.getString("nostr_pubkey"), rs.getString("created_at"));
            return new Member(user, rs.getString("role"), rs.getString("joined_at"));
        }
    }
}
