package groupchat.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import groupchat.storage.Database;
import java.time.Duration;
import java.util.Optional;

/**
 * Enabled accounts by id, so that a request's token costs no database read (it was one per
 * request, the largest part of a history read after the page itself). Every change this server
 * makes to an account calls {@link #changed} after its commit, and the next look-up reads it
 * again. Changes made by another process (the admin CLI, another server on the same database)
 * are seen once an entry expires, {@link #TTL} after it was read: within the same 2 s in which
 * the sessions poll notices that process's revocations. Reading an active account again every
 * 2 s costs one primary-key query per account, not one per request.
 */
public final class UserCache {
    static final Duration TTL = Sessions.POLL;
    private static final int MAX_USERS = 100_000;

    private final Database db;
    private final Cache<String, User> users;
    private final Runnable onChange;

    /** @param onChange runs after any account changed (messages show their author's name and avatar) */
    public UserCache(Database db, Runnable onChange) {
        this.db = db;
        this.onChange = onChange;
        this.users = Caffeine.newBuilder().maximumSize(MAX_USERS).expireAfterWrite(TTL).build();
    }

    /**
     * The account if it exists and is not disabled. Read through the cache with Caffeine's atomic
     * load: a {@link #changed} that comes while a read is in flight waits for it and then drops
     * what it read, so an old copy is never put back. Unknown or disabled accounts are not cached.
     */
    public Optional<User> enabled(String userId) {
        return Optional.ofNullable(users.get(userId,
                id -> db.read(h -> h.attach(UserDao.class).findEnabledById(id)).orElse(null)));
    }

    /** After a change to the account has been committed: its next look-up reads it again. */
    public void changed(String userId) {
        users.invalidate(userId);
        onChange.run();
    }
}
