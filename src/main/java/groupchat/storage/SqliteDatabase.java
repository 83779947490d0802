package groupchat.storage;

import groupchat.background.DaemonThreads;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
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
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 5_000;
    /** Bytes of the database file mapped into memory (a larger file is read past it as usual). */
    private static final long MMAP_BYTES = 1L << 30;
    /** Page cache of each connection, in KiB (SQLite's default is 2 MiB). */
    private static final int CACHE_KIB = 16 * 1024;

    /** Set by the opening thread before {@link #opened} completes; read only after waiting for it. */
    private Session writer;
    private final File wal;
    private final ReaderSessions readers = new ReaderSessions(READERS);
    private final List<Handle> handles = new ArrayList<>();
    private GroupCommit commits;
    /** Set by the opening thread, like the writer. */
    private WalCheckpoints checkpoints;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    public SqliteDatabase(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database folder for " + file, e);
        }
        this.wal = new File(file.toAbsolutePath() + "-wal");
        DaemonThreads.thread("sqlite-open", () -> {
            try {
                open(file);
                opened.complete(null);
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }).start();
    }

    private void open(Path file) {
        Flyway.configure().dataSource(source(file)).locations("classpath:db/migration").load().migrate();
        Jdbi jdbi = Jdbi.create(source(file)).installPlugin(new SqlObjectPlugin());
        jdbi.setStatementBuilderFactory(connection -> new CachedStatements());
        this.writer = open(jdbi, false);
        for (int i = 0; i < READERS; i++) readers.giveBack(open(jdbi, true));
        // Checkpoints run in the background (WalCheckpoints), not inside whichever commit crosses 1000 pages.
        writer.handle().execute("PRAGMA wal_autocheckpoint = 0");
        Handle checkpointer = jdbi.open();
        handles.add(checkpointer);
        // No write commits before opening is done, and so before both are set.
        this.commits = new GroupCommit(writer, handle -> checkpoints.afterCommit(handle));
        this.checkpoints = new WalCheckpoints(checkpointer, wal, commits, readers, BUSY_TIMEOUT_MS);
    }

    /** In a transaction shared with the writes that wait beside it ({@link GroupCommit}). */
    @Override
    public <R, X extends Exception> R write(Work<R, X> work) throws X {
        awaitOpen();
        return commits.write(work);
    }

    /** Waits for a free reader session. */
    @Override
    public <R, X extends Exception> R read(Work<R, X> work) throws X {
        awaitOpen();
        Session session = readers.take();
        try {
            return work.run(session);
        } finally {
            readers.giveBack(session);
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
        sqlite.setJournalSizeLimit((int) WalCheckpoints.URGENT_BYTES);
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
        if (checkpoints != null) checkpoints.close();
        if (commits == null) {
            handles.forEach(Handle::close);
            return;
        }
        commits.holding(() -> {
            // Reads still running finish first; a stuck one must not keep the server from stopping.
            List<Session> idle = readers.takeAll(BUSY_TIMEOUT_MS);
            try {
                handles.forEach(Handle::close);
            } finally {
                // Back, closed: a read after close fails instead of waiting forever.
                readers.giveBack(idle);
            }
            return null;
        });
    }
}
