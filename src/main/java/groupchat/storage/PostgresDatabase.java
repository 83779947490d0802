package groupchat.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import groupchat.config.PostgresUrl;
import groupchat.web.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, shared by every server of a cluster, through a small HikariCP pool. Writes keep
 * SQLite's rule of one writer: a transaction-scoped advisory lock lets one write transaction run
 * at a time across all servers, so every check-then-write a service makes (the last owner, a name
 * still free) holds cluster-wide as it does on SQLite, and messages get their seq in commit order.
 * A lost database answers 503 {@code unavailable}; the pool replaces dead connections, so the
 * server recovers by itself once the database is back.
 */
public final class PostgresDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);
    /** The advisory lock key of the one writer ("GC2W"); any fixed number no other tool uses. */
    private static final long WRITER_LOCK = 0x47433257L;
    private static final int POOL_SIZE = 10;
    /** How long a request waits for a connection before it is answered 503. */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(3);

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    /** Writers of this server queue here, so they wait in Java rather than each holding a connection. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
    }

    /**
     * Connects (trying again for up to {@code startTimeout} while the database is not reachable, as
     * when both start together), applies the migrations and returns the database. Fails with a
     * message naming host, port, database and user, never the password.
     */
    public static PostgresDatabase connect(PostgresUrl url, Duration startTimeout) {
        HikariDataSource pool = new HikariDataSource(poolConfig(url));
        try {
            awaitReachable(pool, url, startTimeout);
            // Several servers may start at once: Flyway serialises them with a lock of its own. Its
            // connection has no socket timeout: a migration may rightly run long on a big database.
            Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/postgresql").load().migrate();
            log.info("Using PostgreSQL at {}", url.where());
            return new PostgresDatabase(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig poolConfig(PostgresUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("postgresql");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        config.setValidationTimeout(1_000);
        // Start even when the database is down; connect() does its own, clearer, waiting.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // A statement with no answer for this long means the network, not the query, broke (ours
        // take milliseconds): the request gets its 503 instead of hanging with the writer lock.
        config.addDataSourceProperty("socketTimeout", "30");
        // A write that waits this long for the writer lock is answered 503 instead of hanging.
        config.setConnectionInitSql("SET lock_timeout = '10s'");
        return config;
    }

    private static void awaitReachable(HikariDataSource pool, PostgresUrl url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection ignored = pool.getConnection()) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("cannot connect to PostgreSQL at " + url.where() + " (tried for "
                            + timeout.toSeconds() + " s): " + withoutPassword(rootMessage(e), url), e);
                }
                log.warn("PostgreSQL at {} is not reachable yet; trying again", url.where());
                sleep(Duration.ofMillis(500));
            }
        }
    }

    @Override
    public <R, X extends Exception> R write(Work<R, X> work) throws X {
        writeLock.lock();
        try {
            return transaction(work, true);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R writeIndependent(Work<R, X> work) throws X {
        return transaction(work, false);
    }

    private <R, X extends Exception> R transaction(Work<R, X> work, boolean asTheWriter) throws X {
        try (Handle handle = open()) {
            try {
                handle.begin();
                if (asTheWriter) {
                    handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", WRITER_LOCK)
                            .mapTo(Integer.class).one();
                }
                R result = work.run(new Session(handle));
                handle.commit();
                return result;
            } catch (Exception | Error e) {
                rollbackQuietly(handle);
                throw e;
            }
        } catch (RuntimeException e) {
            throw unavailableIfLost(e);
        }
    }

    /**
     * Reads in autocommit, one statement at a time, like SQLite's readers. A read that finds its
     * connection dead (the database restarted) is tried once more on a fresh one: it changed nothing.
     */
    @Override
    public <R, X extends Exception> R read(Work<R, X> work) throws X {
        for (int attempt = 1; ; attempt++) {
            try (Handle handle = open()) {
                return work.run(new Session(handle));
            } catch (RuntimeException e) {
                if (attempt == 1 && lost(e) && !noConnectionInTime(e)) continue;
                throw unavailableIfLost(e);
            }
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public void close() {
        pool.close();
    }

    private Handle open() {
        return jdbi.open();
    }

    private static void rollbackQuietly(Handle handle) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            // The connection is gone; the database rolls the transaction back on its own.
            log.debug("Rollback failed", e);
        }
    }

    private static RuntimeException unavailableIfLost(RuntimeException e) {
        if (!lost(e)) return e;
        log.warn("PostgreSQL is unavailable: {}", rootMessage(e));
        return ApiError.unavailable("The database is unavailable: try again shortly");
    }

    /**
     * True when the failure is the database being out of reach rather than the statement: no
     * connection in time, a broken connection (SQLSTATE class 08), the server shutting down or
     * terminating us (57P), out of connections (53300), or the writer lock not granted in time.
     */
    static boolean lost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")
                        || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pool waited its whole time for a connection: a second try would only wait again. */
    private static boolean noConnectionInTime(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return String.valueOf(root.getMessage());
    }

    private static String withoutPassword(String message, PostgresUrl url) {
        return url.password() == null || url.password().isEmpty() ? message : message.replace(url.password(), "***");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
