package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's own restart of the log (WalCheckpoints.afterCommit): once the background restart
 * has failed long enough for the log to pass its urgent bound (here a reader the server does not
 * know, like an operator's sqlite3 shell, holds on to it), the writer restarts the log itself as
 * soon as that reader lets go, within its next 64 commits. The background would only try again
 * after its back-off (by then 2 s).
 */
class UrgentRestartTest {
    private static final int ROW_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aLogPastTheUrgentBoundIsRestartedByTheWriterOnceTheReaderInTheWayLetsGo() throws Exception {
        Path file = dir.resolve("chat.db");
        Path wal = dir.resolve("chat.db-wal");
        try (SqliteDatabase db = new SqliteDatabase(file)) {
            ScratchTable.create(db);
            try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                // A read transaction that keeps the log from being copied or restarted past it.
                reader.setAutoCommit(false);
                try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next();
                }
                while (Files.size(wal) <= WalCheckpoints.URGENT_BYTES) ScratchTable.insert(db, ROW_BYTES);
                reader.commit();
            }
            long[] before = ScratchTable.logFrames(file);
            for (int i = 0; i < 64; i++) ScratchTable.insert(db, 10);
            long[] after = ScratchTable.logFrames(file);
            assertTrue(before[0] * ScratchTable.frameBytes(file) > WalCheckpoints.URGENT_BYTES,
                    "the log passed the bound: " + before[0] + " frames");
            // Restarted within those 64 small commits: at most their frames are in the log now.
            assertTrue(after[0] <= 2 * 64, "the log was restarted: " + after[0] + " frames in it");
        }
    }
}
