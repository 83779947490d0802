package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background checkpoint copies the WAL only once a MiB of it waits: copying after every write
 * made the next write restart the log, and SQLite syncs a restarted log's header in that commit.
 */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aFewWritesStayInTheLogAndAMiBIsCopied() throws Exception {
        Path file = dir.resolve("chat.db");
        try (SqliteDatabase db = new SqliteDatabase(file)) {
            ScratchTable.create(db);
            for (int i = 0; i < 5; i++) ScratchTable.insert(db, 100);
            Thread.sleep(500); // five checkpoint intervals
            long[] quiet = ScratchTable.logFrames(file);
            assertTrue(quiet[0] > 0, "the writes are in the log");
            assertEquals(0, quiet[1], "a quiet log is left uncopied");

            // Writes go on until a checkpoint copies (each row about a page): past a MiB it must.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long[] busy = ScratchTable.logFrames(file);
            while (busy[1] == 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) ScratchTable.insert(db, 3_000);
                busy = ScratchTable.logFrames(file);
            }
            assertTrue(busy[1] > 0, "a MiB waiting is copied: " + busy[0] + " frames, " + busy[1] + " copied");
        }
    }
}
