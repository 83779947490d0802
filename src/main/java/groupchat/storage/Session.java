package groupchat.storage;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One long-lived database connection with its DAOs attached once. Jdbi's attach builds a handler
 * for every method of the DAO each time, which profiling showed to be the larger part of a
 * request's database time; a session pays it once per DAO for the life of the server.
 * Not thread-safe: {@link Database} lends a session to one caller at a time.
 */
public final class Session {
    private final Handle handle;
    private final Map<Class<?>, Object> daos = new HashMap<>();

    Session(Handle handle) {
        this.handle = handle;
    }

    public <T> T attach(Class<T> dao) {
        return dao.cast(daos.computeIfAbsent(dao, handle::attach));
    }

    Handle handle() {
        return handle;
    }
}
