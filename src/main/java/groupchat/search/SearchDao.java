package groupchat.search;

import groupchat.messages.MessageDao;
import groupchat.messages.MessageRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Full-text search over messages_fts (FTS5, kept in step with messages by triggers): only rooms
 * the user is a member of, no tombstones and no system notices; newest first.
 */
@RegisterRowMapper(SearchDao.HitMapper.class)
public interface SearchDao {
    String MATCHES = "SELECT " + MessageDao.COLUMNS + ", snippet(messages_fts, 0, '', '', '…', 16)"
            + " FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid LEFT JOIN users u ON u.id = m.user_id"
            + " WHERE messages_fts MATCH :query AND m.deleted = FALSE AND m.kind <> 'system'"
            + " AND m.room_id IN (SELECT room_id FROM room_members WHERE user_id = :userId)";

    record Hit(MessageRow row, String snippet) {}

    @SqlQuery(MATCHES + " ORDER BY m.seq DESC LIMIT :limit")
    List<Hit> everywhere(String query, String userId, int limit);

    @SqlQuery(MATCHES + " AND m.room_id = :roomId ORDER BY m.seq DESC LIMIT :limit")
    List<Hit> inRoom(String query, String userId, String roomId, int limit);

    /** The message's columns by position, then the snippet. */
    final class HitMapper implements RowMapper<Hit> {
        private static final MessageRow.Mapper MESSAGE = new MessageRow.Mapper();

        @Override
        public Hit map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Hit(MESSAGE.map(rs, ctx), rs.getString(19));
        }
    }
}
