package groupchat.search;

import groupchat.messages.MessageDao;
import groupchat.messages.MessageRow;
import groupchat.storage.Database.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Full-text search: only rooms the user is a member of, no tombstones and no system notices;
 * newest first. Matching is each database's own, so the statements come in two versions, side
 * by side: {@link Sqlite} (FTS5's messages_fts, kept in step with messages by triggers) and
 * {@link Postgresql} (its text search over an index on messages.content; sql/postgresql/V5).
 */
public interface SearchDao {
    /** What both versions add to their match. */
    String VISIBLE = " AND m.deleted = FALSE AND m.kind <> 'system'"
            + " AND m.room_id IN (SELECT room_id FROM room_members WHERE user_id = :userId)";

    record Hit(MessageRow row, String snippet) {}

    /** The version for the database in use. */
    static Class<? extends SearchDao> of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? Postgresql.class : Sqlite.class;
    }

    /** The words (letters, digits and marks only) as this database's query: each a prefix, all required. */
    String query(List<String> words);

    List<Hit> everywhere(String query, String userId, int limit);

    List<Hit> inRoom(String query, String userId, String roomId, int limit);

    @RegisterRowMapper(HitMapper.class)
    interface Sqlite extends SearchDao {
        String MATCHES = "SELECT " + MessageDao.COLUMNS + ", snippet(messages_fts, 0, '', '', '…', 16)"
                + " FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid LEFT JOIN users u ON u.id = m.user_id"
                + " WHERE messages_fts MATCH :query" + VISIBLE;

        /** Each word quoted, so nothing the user types is read as FTS5 syntax: {@code "word"* "other"*}. */
        @Override
        default String query(List<String> words) {
            return words.stream().map(word -> "\"" + word + "\"*").collect(Collectors.joining(" "));
        }

        @Override
        @SqlQuery(MATCHES + " ORDER BY m.seq DESC LIMIT :limit")
        List<Hit> everywhere(String query, String userId, int limit);

        @Override
        @SqlQuery(MATCHES + " AND m.room_id = :roomId ORDER BY m.seq DESC LIMIT :limit")
        List<Hit> inRoom(String query, String userId, String roomId, int limit);
    }

    /**
     * The groupchat_search configuration folds case and accents (unaccent) and keeps words whole,
     * as FTS5's unicode61 does; the match must be written exactly as the index's expression.
     */
    @RegisterRowMapper(HitMapper.class)
    interface Postgresql extends SearchDao {
        String MATCHES = "SELECT " + MessageDao.COLUMNS + ", ts_headline('groupchat_search', m.content, q.query,"
                + " 'StartSel=\"\", StopSel=\"\", MaxWords=16, MinWords=8')"
                + " FROM messages m CROSS JOIN to_tsquery('groupchat_search', :query) AS q(query)"
                + " LEFT JOIN users u ON u.id = m.user_id"
                + " WHERE to_tsvector('groupchat_search', m.content) @@ q.query" + VISIBLE;

        /** Each word a quoted lexeme marked as a prefix, all joined by AND: {@code 'word':* & 'other':*}. */
        @Override
        default String query(List<String> words) {
            return words.stream().map(word -> "'" + word + "':*").collect(Collectors.joining(" & "));
        }

        @Override
        @SqlQuery(MATCHES + " ORDER BY m.seq DESC LIMIT :limit")
        List<Hit> everywhere(String query, String userId, int limit);

        @Override
        @SqlQuery(MATCHES + " AND m.room_id = :roomId ORDER BY m.seq DESC LIMIT :limit")
        List<Hit> inRoom(String query, String userId, String roomId, int limit);
    }

    /** The message's columns by position, then the snippet. */
    final class HitMapper implements RowMapper<Hit> {
        private static final MessageRow.Mapper MESSAGE = new MessageRow.Mapper();

        @Override
        public Hit map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Hit(MESSAGE.map(rs, ctx), rs.getString(19));
        }
    }
}
