package groupchat.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A messages row joined with its author; {@link MessageService} turns it into a {@link Message}. */
public record MessageRow(
        long seq,
        String id,
        String roomId,
        String kind,
        String userId,
        String username,
        String displayName,
        String avatarUrl,
        String content,
        String imageUrl,
        String replyTo,
        String clientMsgId,
        String hash,
        String createdAt,
        String aiMeta,
        String editedAt,
        boolean deleted,
        String reactions) {

    /** Maps by position (the order of {@link MessageDao#SELECT}): history pages map many rows. */
    public static final class Mapper implements RowMapper<MessageRow> {
        @Override
        public MessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new MessageRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                    rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                    rs.getString(16), rs.getBoolean(17), rs.getString(18));
        }
    }
}
