package groupchat.storage;

import groupchat.config.Config;
import java.time.Duration;

/**
 * Where everything is stored: {@link SqliteDatabase} (the default, one file) or
 * {@link PostgresDatabase} (DATABASE_URL=postgres://..., for several servers). Both run the same
 * migrations and the same DAOs; the few statements that differ ask {@link #dialect()}.
 */
public interface Database extends AutoCloseable {
    /** Work on a session; services use {@link Session#attach} to reach their DAOs. */
    @FunctionalInterface
    interface Work<R, X extends Exception> {
        R run(Session session) throws X;
    }

    enum Dialect { SQLITE, POSTGRESQL }

    /** The database the configuration names, migrated; PostgreSQL is waited for up to 5 s. */
    static Database open(Config config) {
        if (config.postgres() != null) return PostgresDatabase.connect(config.postgres(), Duration.ofSeconds(5));
        return new SqliteDatabase(config.databasePath());
    }

    /** Runs work in one write transaction. Everything a service changes together goes here. */
    <R, X extends Exception> R write(Work<R, X> work) throws X;

    /**
     * Runs work that checks nothing and that no other write waits for (a new file's bytes) in a
     * transaction of its own: on PostgreSQL without the writer lock, so a large insert does not
     * hold up every other write. On SQLite it is simply a write.
     */
    default <R, X extends Exception> R writeIndependent(Work<R, X> work) throws X {
        return write(work);
    }

    /** Runs read-only work. */
    <R, X extends Exception> R read(Work<R, X> work) throws X;

    Dialect dialect();

    default boolean healthy() {
        try {
            return read(s -> s.handle().createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    void close();
}
