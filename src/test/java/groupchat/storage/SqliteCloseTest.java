package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the database lets reads still running finish on open connections, and fails later ones. */
class SqliteCloseTest {
    @TempDir
    Path dir;

    @Test
    void closeWaitsForAReadStillRunning() throws Exception {
        SqliteDatabase db = new SqliteDatabase(dir.resolve("chat.db"));
        db.write(s -> s.handle().execute("CREATE TABLE t (x INTEGER)"));
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> db.read(s -> {
            reading.countDown();
            sleep(300); // close() is called meanwhile
            return s.handle().createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one();
        }));
        assertTrue(reading.await(5, TimeUnit.SECONDS), "the read never started");
        db.close();
        assertEquals(0, read.get(5, TimeUnit.SECONDS), "the read ran on a connection closed under it");
    }

    @Test
    void aReadAfterCloseFailsInsteadOfWaiting() {
        SqliteDatabase db = new SqliteDatabase(dir.resolve("chat.db"));
        db.close();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(Exception.class,
                () -> db.read(s -> s.handle().createQuery("SELECT 1").mapTo(Integer.class).one())));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
