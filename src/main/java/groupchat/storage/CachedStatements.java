package groupchat.storage;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps one connection's prepared statements for reuse, by SQL text. Jdbi prepares every
 * statement anew, and SQLite compiles it each time: for the message insert that includes the
 * programs of its triggers (search index, counters), a good part of posting a message. Our
 * connections live as long as the server and serve one caller at a time ({@link Session}), so a
 * plain map per connection is enough.
 *
 * <p>A statement is handed back here only after Jdbi closed its result set, which resets it in
 * SQLite: a kept statement holds no read snapshot. One in use is out of the map, so a nested use
 * of the same SQL prepares its own (and that one is closed when done).
 *
 * <p>Jdbi prepares the parsed SQL (named parameters replaced by {@code ?}) but hands the SQL as
 * written back to {@link #close}: statements in use are remembered with the SQL they were
 * prepared from, so they are kept under it. (Keyed by what close was given, no statement with a
 * named parameter was ever reused: that prepare was 40% of storing a message.)
 */
final class CachedStatements implements StatementBuilder {
    /** More distinct statements than the DAOs have (a safety net for SQL built from lists). */
    private static final int MAX_KEPT = 256;

    private final Map<String, PreparedStatement> kept = new HashMap<>();
    /** Statements handed out, with the SQL they were prepared from. */
    private final Map<Statement, String> inUse = new IdentityHashMap<>();

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return conn.createStatement();
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        if (ctx.isReturningGeneratedKeys()) throw new SQLException("generated keys are not used by this server");
        PreparedStatement statement = kept.remove(sql);
        if (statement == null) statement = conn.prepareStatement(sql);
        inUse.put(statement, sql);
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return conn.prepareCall(sql);
    }

    @Override
    public void close(Connection conn, String written, Statement statement) throws SQLException {
        if (statement == null) return;
        String sql = inUse.remove(statement);
        if (sql != null && statement instanceof PreparedStatement prepared && !(statement instanceof CallableStatement)
                && !prepared.isClosed() && !kept.containsKey(sql) && kept.size() < MAX_KEPT) {
            prepared.clearParameters();
            kept.put(sql, prepared);
            return;
        }
        statement.close();
    }

    @Override
    public void close(Connection conn) {
        for (PreparedStatement statement : kept.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection closes next, which finalizes whatever is left
            }
        }
        kept.clear();
        inUse.clear();
    }
}
