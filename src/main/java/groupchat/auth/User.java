package groupchat.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The public view of an account, as the API shows it. */
public record User(
        String id,
        String username,
        String displayName,
        String avatarUrl,
        String nostrPubkey,
        String createdAt,
        boolean isAdmin) {

    /** Maps by column name without reflection: every authenticated request reads one. */
    public static final class Mapper implements RowMapper<User> {
        @Override
        public User map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new User(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                    rs.getString("avatar_url"), rs.getString("nostr_pubkey"), rs.getString("created_at"),
                    rs.getBoolean("is_admin"));
        }
    }
}
