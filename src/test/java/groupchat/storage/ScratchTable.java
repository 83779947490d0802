package groupchat.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** A table of text rows to fill a SQLite database's log with, and a look at that log. */
final class ScratchTable {
    private ScratchTable() {}

    static void create(SqliteDatabase db) {
        db.write(h -> h.handle().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
    }

    /** One row of about {@code bytes} bytes, in a commit of its own. */
    static void insert(SqliteDatabase db, int bytes) {
        db.write(h -> h.handle().createUpdate("INSERT INTO t (body) VALUES (:body)").bind("body", "x".repeat(bytes))
                .execute());
    }

    /** The size of one frame of the log: a page and its 24-byte header. */
    static long frameBytes(Path file) throws Exception {
        return pragma(file, "page_size", 1)[0] + 24;
    }

    /** Frames in the log and how many are copied (NOOP copies nothing). */
    static long[] logFrames(Path file) throws Exception {
        return pragma(file, "wal_checkpoint(NOOP)", 2, 3);
    }

    /** The given columns of a pragma's one row, asked of a connection of its own. */
    private static long[] pragma(Path file, String pragma, int... columns) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            rs.next();
            long[] values = new long[columns.length];
            for (int i = 0; i < columns.length; i++) values[i] = rs.getLong(columns[i]);
            return values;
        }
    }
}
