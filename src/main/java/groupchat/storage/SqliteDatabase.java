package groupchat.storage;

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

    private final Session writer;
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
            try {
                R result = work.run(writer);
                handle.commit();
                return result;
            } catch (Exception | Error e) {
                handle.rollback();
                throw e;
            }
        } finally {
            writeLock.unlock();
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
        sqlite.setBusyTimeout(5_000);
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
