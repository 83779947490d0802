package groupchat.cluster;

import groupchat.messages.RoomOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's order lock across servers: a PostgreSQL advisory lock held from before a message is
 * stored until its event is on the bus, so messages get their place ({@code seq}) and their
 * notification in the same order on every server. A session lock, not a transaction's: the
 * insert and the publish run on other connections. When a server dies, PostgreSQL ends its
 * sessions and so frees the locks they held.
 *
 * <p>Rooms are keyed by the hash of their id; two rooms sharing a hash only wait for each other.
 */
public final class ClusterRoomLocks implements RoomOrder.Shared {
    private static final Logger log = LoggerFactory.getLogger(ClusterRoomLocks.class);
    /** The first half of every advisory lock key of this server: 'gc' in ASCII, apart from other users of the database. */
    private static final int NAMESPACE = 0x6763;
    private static final Executor INLINE = Runnable::run;

    private final DataSource lockConnections;

    /** @param lockConnections autocommit connections used only for these locks */
    public ClusterRoomLocks(DataSource lockConnections) {
        this.lockConnections = lockConnections;
    }

    @Override
    public <T> T holding(String roomId, Supplier<T> work) {
        int key = roomId.hashCode();
        try (Connection c = lockConnections.getConnection()) {
            run(c, "SELECT pg_advisory_lock(?, ?)", key);
            try {
                return work.get();
            } finally {
                unlock(c, key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock room " + roomId + " across servers", e);
        }
    }

    private static void unlock(Connection c, int key) throws SQLException {
        try {
            run(c, "SELECT pg_advisory_unlock(?, ?)", key);
        } catch (SQLException e) {
            // The lock must not stay with a pooled session: end the session, which frees it.
            log.warn("Could not release a room lock; dropping its connection", e);
            c.abort(INLINE);
        }
    }

    private static void run(Connection c, String sql, int key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, key);
            s.execute();
        }
    }
}
