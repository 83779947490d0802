package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes of many threads share transactions (GroupCommit): each must still succeed or fail on its
 * own, as if it had had the writer alone.
 */
class GroupCommitTest {
    static final int THREADS = 16;
    static final int WRITES = 60;

    @TempDir
    Path dir;

    @Test
    void aFailingWriteAmongConcurrentOnesIsRolledBackAloneAndTheOthersAreStored() throws Exception {
        try (SqliteDatabase db = new SqliteDatabase(dir.resolve("chat.db"))) {
            db.write(h -> h.handle().execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"));
            db.write(h -> h.handle().execute("INSERT INTO kv (k, v) VALUES ('taken', 0)"));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            Set<String> expected = new HashSet<>(Set.of("taken"));
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int n = 0; n < WRITES; n++) writeOne(db, thread + "-" + n, n);
                }, pool));
                for (int n = 0; n < WRITES; n++) if (n % 3 == 0) expected.add(thread + "-" + n);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            pool.shutdown();
            Set<String> stored = new HashSet<>(db.read(h -> h.handle().createQuery("SELECT k FROM kv")
                    .mapTo(String.class).list()));
            assertEquals(expected, stored);
        }
    }

    /**
     * A write that finds the writer held (by the log's restart, or closing) sleeps; letting the
     * writer go must wake it, and it commits then, not before.
     */
    @Test
    void aWriteThatFindsTheWriterHeldIsCommittedOnceItIsLetGo() throws Exception {
        try (HeldWriter writer = HeldWriter.open(dir)) {
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(writer::insert);
            Thread.sleep(300);
            assertFalse(write.isDone(), "a write commits while the writer is held");
            assertEquals(0, writer.rows());
            writer.letGo();
            assertEquals(1, write.get(10, TimeUnit.SECONDS));
            assertEquals(1, writer.rows());
        }
    }

    /**
     * An interrupted caller (an AI answer stopped at shutdown, say) still waits for its write
     * without spinning on the writer, and keeps its interrupt.
     */
    @Test
    void anInterruptedCallerWaitsAsleepAndStaysInterrupted() throws Exception {
        try (HeldWriter writer = HeldWriter.open(dir)) {
            CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                Thread.currentThread().interrupt();
                writer.insert();
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            });
            caller.start();
            Thread.sleep(500);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuMs = TimeUnit.NANOSECONDS.toMillis(threads.getThreadCpuTime(caller.getId()));
            assertTrue(cpuMs < 150, "the waiting caller spun: " + cpuMs + " ms of CPU in 500 ms");
            writer.letGo();
            assertTrue(stillInterrupted.get(10, TimeUnit.SECONDS));
            assertEquals(1, writer.rows());
        }
    }

    /** A group commit on a fresh SQLite file whose writer another thread holds until {@link #letGo}. */
    private record HeldWriter(Handle handle, GroupCommit commits, CountDownLatch released,
                              CompletableFuture<Void> holder) implements AutoCloseable {
        static HeldWriter open(Path dir) throws Exception {
            Handle handle = Jdbi.create("jdbc:sqlite:" + dir.resolve("chat.db")).open();
            handle.execute("CREATE TABLE t (n INTEGER NOT NULL)");
            GroupCommit commits = new GroupCommit(new Session(handle), h -> {});
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch released = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> commits.holding(() -> {
                held.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            held.await();
            return new HeldWriter(handle, commits, released, holder);
        }

        int insert() {
            return commits.write(s -> s.handle().execute("INSERT INTO t (n) VALUES (1)"));
        }

        int rows() {
            return handle.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one();
        }

        void letGo() throws Exception {
            released.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            released.countDown();
            handle.close();
        }
    }

    /** One write in three is stored; one inserts and then fails; one breaks the primary key. */
    private static void writeOne(SqliteDatabase db, String key, int n) {
        switch (n % 3) {
            case 0 -> assertEquals(key, db.write(h -> {
                h.handle().createUpdate("INSERT INTO kv (k, v) VALUES (:k, 1)").bind("k", key).execute();
                return key;
            }));
            case 1 -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.write(h -> {
                    h.handle().createUpdate("INSERT INTO kv (k, v) VALUES (:k, 2)").bind("k", key).execute();
                    throw new IllegalStateException("refused " + key);
                }));
                assertEquals("refused " + key, e.getMessage());
            }
            default -> assertThrows(RuntimeException.class, () -> db.write(h ->
                    h.handle().createUpdate("INSERT INTO kv (k, v) VALUES ('taken', 3)").execute()));
        }
        assertTrue(db.read(h -> h.handle().createQuery("SELECT v FROM kv WHERE k = 'taken'")
                .mapTo(Integer.class).one()) == 0);
    }
}
