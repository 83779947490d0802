package groupchat.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite behind two pools: one writer connection, so writes queue in Java instead of failing
 * with SQLITE_BUSY, and a few read-only connections that WAL lets run beside it.
 */
public final class Database implements AutoCloseable {
    private static final int READERS = 4;

    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi writer;
    private final Jdbi reader;

    public Database(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the database folder for " + file, e);
        }
        this.writerPool = pool(file, false, 1);
        migrate(writerPool);
        this.readerPool = pool(file, true, READERS);
        this.writer = Jdbi.create(writerPool).installPlugin(new SqlObjectPlugin());
        this.reader = Jdbi.create(readerPool).installPlugin(new SqlObjectPlugin());
    }

    /** Runs work in one write transaction. Everything a service changes together goes here. */
    public <R, X extends Exception> R write(HandleCallback<R, X> work) throws X {
        return writer.inTransaction(work);
    }

    /** Runs read-only work on a reader connection. */
    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return reader.withHandle(work);
    }

    public boolean healthy() {
        try {
            return read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static HikariDataSource pool(Path file, boolean readOnly, int size) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable across a process crash in WAL mode; only power loss can drop the
        // last commits, and it saves an fsync per message.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(5_000);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(readOnly ? "sqlite-read" : "sqlite-write");
        config.setConnectionTimeout(30_000);
        config.setAutoCommit(true);
        // The reader pool must never write; SQLite refuses a read-only flag set after opening.
        if (readOnly) config.setConnectionInitSql("PRAGMA query_only = true");
        return new HikariDataSource(config);
    }

    private static void migrate(HikariDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Override
    public void close() {
        readerPool.close();
        writerPool.close();
    }
}
