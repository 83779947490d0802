package groupchat.storage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite with one writer session, so writes queue in Java instead of failing with SQLITE_BUSY,
 * and a few read-only sessions that WAL lets run beside it. The connections are opened at start
 * and live as long as the server: SQLite runs in-process, so there is no network to fail.
 *
 * <p>Opening (Flyway's migrations, Jdbi, the connections) runs on a thread of its own, started by
 * the constructor: it was a third of the server's start-up, and the web server can be built
 * meanwhile on the other core. Every use waits until it is done ({@link #awaitOpen}), and a
 * failure to open is thrown there.
 */
public final class SqliteDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int READERS = 4;
    /**
     * What the log may hold before the background checkpoint restarts it, between two transactions.
     * A PASSIVE checkpoint copies pages, but the log only starts over when a transaction begins with
     * all of it copied, which steady writes never allow (1.5 GiB in 45 s). At 4 MiB the log starts
     * over at about every checkpoint under load (about 35 KiB of log per message), each restart has
     * only the writes since the last copy left, and the file stays near 10 MiB at 1,400 msg/s. A
     * quiet server never restarts it.
     */
    static final long WAL_RESTART_BYTES = 4L * 1_048_576;
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int RESTART_WAIT_MS = 200;
    /**
     * How often the background checkpoint copies the WAL into the database. With a checkpoint a
     * second, the restart's own copy (and its fsync of up to 32 MiB) stalled every write for 15-60 ms
     * a few times a second at 1,000 msg/s.
     */
    private static final int CHECKPOINT_EVERY_MS = 100;
    /**
     * Log not yet copied into the database below which a checkpoint leaves it for later. Once a log
     * is all copied, the next write starts it over, and SQLite syncs the log's header to disk in
     * that write's commit: copied after every write, a quiet server's every message waited for an
     * fsync (an AI answer's commit: 0.1 ms, or 1.1 ms after a copy, on this machine's disk).
     */
    private static final long WAL_COPY_BYTES = 1L << 20;
    /** Bytes of the database file mapped into memory (a larger file is read past it as usual). */
    private static final long MMAP_BYTES = 1L << 30;
    /** Page cache of each connection, in KiB (SQLite's default is 2 MiB). */
    private static final int CACHE_KIB = 16 * 1024;
    /** Past this size the writer restarts the log itself ({@link #boundWal}). */
    static final long WAL_URGENT_BYTES = 48L * 1_048_576;
    private static final int URGENT_WAIT_MS = 2_000;

    /** Set by the opening thread before {@link #opened} completes; read only after waiting for it. */
    private Session writer;
    private final File wal;
    /** System.nanoTime() before which no restart is tried again (after one found readers in the way). Checkpoint thread only. */
    private long nextRestart = System.nanoTime();
    /** Milliseconds to the next try after a failed one: doubles up to 2 s, back to 100 ms on success. Checkpoint thread only. */
    private long restartBackoffMs = 100;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Session> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Handle> handles = new ArrayList<>();
    private Handle checkpointer;
    /** Bytes of one frame of the log. Checkpoint thread only, set before its first run. */
    private long frameBytes;
    /** The log's frames at the last checkpoint. Checkpoint thread only. */
    private long framesSeen = -1;
    private GroupCommit commits;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final ScheduledExecutorService checkpoints = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqlite-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    public SqliteDatabase(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database folder for " + file, e);
        }
        this.wal = new File(file.toAbsolutePath() + "-wal");
        Thread opening = new Thread(() -> {
            try {
                open(file);
                opened.complete(null);
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "sqlite-open");
        opening.setDaemon(true);
        opening.start();
    }

    private void open(Path file) {
        Flyway.configure().dataSource(source(file)).locations("classpath:db/migration").load().migrate();
        Jdbi jdbi = Jdbi.create(source(file)).installPlugin(new SqlObjectPlugin());
        jdbi.setStatementBuilderFactory(connection -> new CachedStatements());
        this.writer = open(jdbi, false);
        for (int i = 0; i < READERS; i++) readers.add(open(jdbi, true));
        // SQLite checkpoints the WAL inside whichever commit crosses 1000 pages, fsync included,
        // while that commit holds the writer: a latency spike for one unlucky message. Here a
        // connection of its own checkpoints in the background instead; PASSIVE never blocks writers.
        writer.handle().execute("PRAGMA wal_autocheckpoint = 0");
        this.commits = new GroupCommit(writer, writeLock, this::boundWal);
        this.checkpointer = jdbi.open();
        handles.add(checkpointer);
        // Each frame of the log is a page and a 24-byte header.
        this.frameBytes = checkpointer.createQuery("PRAGMA page_size").mapTo(Long.class).one() + 24;
        checkpoints.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Every {@value #CHECKPOINT_EVERY_MS} ms on its own thread: copies the WAL into the database
     * (PASSIVE: writers go on meanwhile) once {@link #WAL_COPY_BYTES} of it wait, then restarts the
     * log if it passed {@link #WAL_RESTART_BYTES}. The restart holds the writer, but right after the copy it finds
     * only the last few milliseconds of writes left to copy: done by the writer after its commit
     * instead, it copied up to a checkpoint interval's worth, a 5-10 ms stall every second at
     * 2,000 msg/s. A restart that fails (see {@link #restartLog}) is tried again 100 ms later,
     * then ever less often, up to every 2 s.
     */
    private void checkpoint() {
        try {
            // The frames the log holds now, not the file's size: a restarted log is written again from
            // the start of a file that keeps its size, so by size alone every checkpoint restarted it
            // once the file had reached the bound (ten writer stalls a second at 1,000 msg/s).
            long[] frames = walFrames("NOOP");
            // A log nothing was written to since the last look needs no restart: it keeps its count of
            // frames until the next write, which starts it over itself once it is all copied.
            boolean written = frames[0] != framesSeen;
            framesSeen = frames[0];
            if ((frames[0] - frames[1]) * frameBytes >= WAL_COPY_BYTES) frames = walFrames("PASSIVE");
            if (!written || frames[0] * frameBytes <= WAL_RESTART_BYTES || System.nanoTime() - nextRestart < 0) return;
            boolean restarted;
            writeLock.lock();
            try {
                restarted = restartLog(checkpointer, RESTART_WAIT_MS);
            } finally {
                writeLock.unlock();
            }
            if (restarted) {
                restartBackoffMs = 100;
            } else {
                nextRestart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(restartBackoffMs);
                restartBackoffMs = Math.min(2_000, restartBackoffMs * 2);
            }
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint failed; the next one will try again", e);
        }
    }

    /** In a transaction shared with the writes that wait beside it ({@link GroupCommit}). */
    @Override
    public <R, X extends Exception> R write(Work<R, X> work) throws X {
        awaitOpen();
        return commits.write(work);
    }

    /** Runs a checkpoint of this mode: the frames in the log, and how many of them are copied. */
    private long[] walFrames(String mode) {
        return checkpointer.createQuery("PRAGMA wal_checkpoint(" + mode + ")")
                .map((rs, ctx) -> new long[] {rs.getLong(2), rs.getLong(3)}).one();
    }

    /**
     * After each commit, holding the writer: past {@link #WAL_URGENT_BYTES} (the background restart
     * kept failing) the writer restarts the log itself, at every commit, waiting up to
     * {@value #URGENT_WAIT_MS} ms for readers: a bounded disk matters more than a slow commit.
     * A stat per commit is the whole cost otherwise.
     */
    private void boundWal(Handle handle) {
        if (wal.length() > WAL_URGENT_BYTES) restartLog(handle, URGENT_WAIT_MS);
    }

    /**
     * Holding the writer lock: a RESTART checkpoint on {@code handle} copies what is left of the
     * WAL, and the next commit writes from the start of the file again (journal_size_limit cuts a
     * file past 48 MiB back to that size). RESTART reuses the file; TRUNCATE, used before, cut it to
     * nothing and took 15-25 ms a time under load, as the next commits grew it again. The restart
     * needs every reader out of the log, and history readers come and go all the time: left to
     * chance it kept failing under load (the WAL passed 80 MiB in WalBoundTest once the search
     * index made each message's writes larger). So this first takes every reader session (reads in
     * flight finish; new ones wait, a few milliseconds once per 4 MiB written). Readers it cannot
     * get within {@code waitMs}, or another process's reader (say, an operator's sqlite3 shell),
     * make it fail: true when the log was restarted.
     */
    private boolean restartLog(Handle handle, int waitMs) {
        List<Session> paused = new ArrayList<>(READERS);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (paused.size() < READERS) {
                Session reader = readers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (reader == null) break;
                paused.add(reader);
            }
            if (paused.size() < READERS) return false;
            handle.execute("PRAGMA busy_timeout = " + waitMs);
            return handle.createQuery("PRAGMA wal_checkpoint(RESTART)").mapTo(Integer.class).one() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint (RESTART) failed; a later one will try again", e);
            return false;
        } finally {
            readers.addAll(paused);
            if (paused.size() == READERS) handle.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        }
    }

    /** Waits for a free reader session. */
    @Override
    public <R, X extends Exception> R read(Work<R, X> work) throws X {
        awaitOpen();
        Session session;
        try {
            session = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        try {
            return work.run(session);
        } finally {
            readers.add(session);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    private Session open(Jdbi jdbi, boolean readOnly) {
        Handle handle = jdbi.open();
        handles.add(handle);
        // The reader sessions must never write; SQLite refuses a read-only flag set after opening.
        if (readOnly) handle.execute("PRAGMA query_only = true");
        return new Session(handle);
    }

    private static SQLiteDataSource source(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable across a process crash in WAL mode; only power loss can drop the
        // last commits, and it saves an fsync per message.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        // When a commit restarts the log, SQLite cuts a larger file back to this size: only after a
        // burst past the urgent bound. At 32 MiB (then the restart bound) every restart cut the file that
        // the next commits grew again to ~35 MiB, and the next checkpoint's fsync paid for those
        // blocks with the writer held: 20-26 ms per restart once the database passed ~80 MiB, and a
        // soak p99 of 26 ms at minute 3 that is now 10 ms.
        sqlite.setJournalSizeLimit((int) WAL_URGENT_BYTES);
        // Posting writes into indexes keyed by random values (ids, hashes): with SQLite's default 2 MiB
        // page cache most of those pages were read again through a syscall. The file is mapped
        // instead (reads share the OS's cache, no copy) and each connection keeps more pages.
        sqlite.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(MMAP_BYTES));
        sqlite.setCacheSize(-CACHE_KIB);
        // The driver otherwise prepares and runs "SELECT last_insert_rowid()" after every INSERT, in
        // case its keys are asked for (nothing here does): that was 44% of storing a message.
        sqlite.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    /** Waits until the database is open and migrated; throws what opening it failed with. */
    public void awaitOpen() {
        try {
            opened.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            opened.join();
        } catch (CompletionException e) {
            // never opened: only the threads to stop
        }
        checkpoints.shutdownNow();
        writeLock.lock();
        try {
            handles.forEach(Handle::close);
        } finally {
            writeLock.unlock();
        }
    }
}
