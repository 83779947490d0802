package groupchat.storage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 */
public final class SqliteDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int READERS = 4;
    /**
     * WAL size past which the writer, between two transactions, checkpoints with TRUNCATE. The
     * background PASSIVE checkpoint copies pages but cannot restart the log while readers keep
     * using it, so under sustained load the file only grew (1.5 GiB in 45 s). Half the 64 MiB the
     * contract allows, so one slow checkpoint still leaves room.
     */
    static final long WAL_TRUNCATE_BYTES = 32L * 1_048_576;
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int TRUNCATE_WAIT_MS = 200;
    /**
     * Past this size a busy reader no longer postpones the restart by a second: the writer waits
     * up to {@value #URGENT_WAIT_MS} ms at every commit, since a bounded disk matters more than one
     * slow commit (seen on a machine loaded far beyond its 2 cores: 72 MiB without this).
     */
    static final long WAL_URGENT_BYTES = 48L * 1_048_576;
    private static final int URGENT_WAIT_MS = 2_000;

    private final Session writer;
    private final File wal;
    /** System.nanoTime() before which no TRUNCATE is tried again (after one found readers in the way). Guarded by writeLock. */
    private long nextTruncate = System.nanoTime();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Session> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Handle> handles = new ArrayList<>();
    private final Handle checkpointer;
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
        Flyway.configure().dataSource(source(file)).locations("classpath:db/migration").load().migrate();
        Jdbi jdbi = Jdbi.create(source(file)).installPlugin(new SqlObjectPlugin());
        this.wal = new File(file.toAbsolutePath() + "-wal");
        this.writer = open(jdbi, false);
        for (int i = 0; i < READERS; i++) readers.add(open(jdbi, true));
        // SQLite checkpoints the WAL inside whichever commit crosses 1000 pages, fsync included,
        // while that commit holds the writer: a latency spike for one unlucky message. Here a
        // connection of its own checkpoints in the background instead; PASSIVE never blocks writers.
        writer.handle().execute("PRAGMA wal_autocheckpoint = 0");
        this.checkpointer = jdbi.open();
        handles.add(checkpointer);
        checkpoints.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
    }

    private void checkpoint() {
        try {
            checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint failed; the next one will try again", e);
        }
    }

    @Override
    public <R, X extends Exception> R write(Work<R, X> work) throws X {
        writeLock.lock();
        try {
            Handle handle = writer.handle();
            handle.begin();
            R result;
            try {
                result = work.run(writer);
                handle.commit();
            } catch (Exception | Error e) {
                handle.rollback();
                throw e;
            }
            boundWal(handle);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Restarts the log once it passes {@link #WAL_TRUNCATE_BYTES}. TRUNCATE waits (up to
     * {@value #TRUNCATE_WAIT_MS} ms) only for readers still on an older snapshot, and ours are
     * single short queries; the background checkpoint has usually copied most pages already, so
     * this is a short pause once per 32 MiB written instead of a log that never stops growing.
     * A stat per commit is the whole cost on the fast path.
     */
    private void boundWal(Handle handle) {
        long size = wal.length();
        boolean urgent = size > WAL_URGENT_BYTES;
        if (size <= WAL_TRUNCATE_BYTES || (!urgent && System.nanoTime() - nextTruncate < 0)) return;
        try {
            // A reader that holds a snapshot for long (say, an operator's sqlite3 shell) must not
            // stall every commit for the whole busy timeout: wait briefly, else retry in a second.
            handle.execute("PRAGMA busy_timeout = " + (urgent ? URGENT_WAIT_MS : TRUNCATE_WAIT_MS));
            boolean busy = handle.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapTo(Integer.class).one() != 0;
            if (busy) nextTruncate = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint (TRUNCATE) failed; a later commit will try again", e);
        } finally {
            handle.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        }
    }

    /** Waits for a free reader session. */
    @Override
    public <R, X extends Exception> R read(Work<R, X> work) throws X {
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
        // After a checkpoint restarts the log, SQLite shrinks the file back to this size.
        sqlite.setJournalSizeLimit((int) WAL_TRUNCATE_BYTES);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    @Override
    public void close() {
        checkpoints.shutdownNow();
        writeLock.lock();
        try {
            handles.forEach(Handle::close);
        } finally {
            writeLock.unlock();
        }
    }
}
