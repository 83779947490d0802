package groupchat.rooms;

import groupchat.storage.Database;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who is a member of which room, cached, and the lock that orders membership changes against
 * WebSocket subscriptions. A {@code join_room} checks and subscribes under a room's lock, and a
 * removal commits and unsubscribes under the same lock, so a member removed while re-joining
 * can never stay subscribed. The cache makes floods of {@code join_room}/{@code ai_stop} frames
 * cost no database read each.
 *
 * <p>A room's members are loaded under its lock and forgotten under its lock after every change
 * has committed, so a load can never put back what a committed change made stale.
 */
public final class Memberships {
    /** Past this many cached rooms the cache starts over, so memory stays bounded. */
    static final int MAX_ROOMS = 10_000;

    private final Database db;
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final ConcurrentHashMap<String, Set<String>> members = new ConcurrentHashMap<>();

    public Memberships(Database db) {
        this.db = db;
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
    }

    public boolean isMember(String roomId, String userId) {
        Set<String> cached = members.get(roomId);
        if (cached != null) return cached.contains(userId);
        ReentrantLock lock = lockOf(roomId);
        lock.lock();
        try {
            return load(roomId).contains(userId);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} (a subscription) while {@code userId} is a member; false when not a member. */
    public boolean whileMember(String roomId, String userId, Runnable action) {
        ReentrantLock lock = lockOf(roomId);
        lock.lock();
        try {
            if (!load(roomId).contains(userId)) return false;
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a membership change (its transaction and its announcement, which unsubscribes whoever
     * left) under the room's lock, then forgets the room's cached members.
     */
    public <R> R changing(String roomId, Supplier<R> change) {
        ReentrantLock lock = lockOf(roomId);
        lock.lock();
        try {
            return change.get();
        } finally {
            members.remove(roomId);
            lock.unlock();
        }
    }

    /** After a committed change made elsewhere (an invite accepted, a Nostr login). */
    public void changed(String roomId) {
        changing(roomId, () -> null);
    }

    private Set<String> load(String roomId) {
        Set<String> cached = members.get(roomId);
        if (cached != null) return cached;
        Set<String> loaded = Set.copyOf(db.read(h -> h.attach(RoomDao.class).memberIds(roomId)));
        if (members.size() >= MAX_ROOMS) members.clear();
        members.put(roomId, loaded);
        return loaded;
    }

    private ReentrantLock lockOf(String roomId) {
        return locks[Math.floorMod(roomId.hashCode(), locks.length)];
    }
}
