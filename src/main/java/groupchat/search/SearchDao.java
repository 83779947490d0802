package groupchat.search;

import groupchat.messages.MessageDao;
import groupchat.messages.MessageRow;
import groupchat.storage.Database.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Full-text search: only rooms the user is a member of, no tombstones and no system notices;
 * newest first. Matching is each database's own ({@link Match}): the statements take it as
 * {@code <matches>}.
 */
@RegisterRowMapper(SearchDao.HitMapper.class)
public interface SearchDao {
    /** What both versions add to their match. */
    String VISIBLE = " AND m.deleted = FALSE AND m.kind <> 'system'"
            + " AND m.room_id IN (SELECT room_id FROM room_members WHERE user_id = :userId)";

    record Hit(MessageRow row, String snippet) {}

    /** A database's match (the message's columns, then a snippet) and its query for a list of words. */
    enum Match {
        /** FTS5's messages_fts (sql/V5, filled by SearchIndex). Each word quoted, so nothing typed is FTS5 syntax. */
        SQLITE("SELECT " + MessageDao.COLUMNS + ", snippet(messages_fts, 0, '', '', '…', 16)"
                + " FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid LEFT JOIN users u ON u.id = m.user_id"
                + " WHERE messages_fts MATCH :query" + VISIBLE,
                words -> words.stream().map(word -> "\"" + word + "\"*").collect(Collectors.joining(" "))),
        /**
         * Text search over an index on messages.content (sql/postgresql/V5): the groupchat_search
         * configuration folds case and accents (unaccent) and keeps words whole, as FTS5's unicode61
         * does; the match is written exactly as the index's expression. Each word a prefix lexeme.
         */
        POSTGRESQL("SELECT " + MessageDao.COLUMNS + ", ts_headline('groupchat_search', m.content, q.query,"
                + " 'StartSel=\"\", StopSel=\"\", MaxWords=16, MinWords=8')"
                + " FROM messages m CROSS JOIN to_tsquery('groupchat_search', :query) AS q(query)"
                + " LEFT JOIN users u ON u.id = m.user_id"
                + " WHERE to_tsvector('groupchat_search', m.content) @@ q.query" + VISIBLE,
                words -> words.stream().map(word -> "'" + word + "':*").collect(Collectors.joining(" & ")));

        final String sql;
        private final Function<List<String>, String> query;

        Match(String sql, Function<List<String>, String> query) {
            this.sql = sql;
            this.query = query;
        }

        static Match of(Dialect dialect) {
            return dialect == Dialect.POSTGRESQL ? POSTGRESQL : SQLITE;
        }

        /** The words (letters, digits and marks only) as this database's query: each a prefix, all required. */
        String query(List<String> words) {
            return query.apply(words);
        }
    }

    @SqlQuery("<matches> ORDER BY m.seq DESC LIMIT :limit")
    List<Hit> everywhere(@Define("matches") String matches, String query, String userId, int limit);

    @SqlQuery("<matches> AND m.room_id = :roomId ORDER BY m.seq DESC LIMIT :limit")
    List<Hit> inRoom(@Define("matches") String matches, String query, String userId, String roomId, int limit);

    /** The message's columns by position, then the snippet. */
    final class HitMapper implements RowMapper<Hit> {
        private static final MessageRow.Mapper MESSAGE = new MessageRow.Mapper();

        @Override
        public Hit map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Hit(MESSAGE.map(rs, ctx), rs.getString(19));
        }
    }
}
