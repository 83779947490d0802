package groupchat.rooms;

import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.realtime.RoomFrame;
import groupchat.storage.Database;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Who is a member of which room, and the room's AI mode, cached; and the lock that orders
 * membership changes against WebSocket subscriptions. The cache makes floods of
 * {@code join_room}/{@code ai_stop} frames cost no database read each, and posting a message no
 * read of the member's access: that read was a tenth of a message's cost.
 *
 * <p>Every membership change is announced after its commit ({@code member_joined},
 * {@code member_left}, {@code room_deleted}), and the hub applies removals to subscriptions when
 * it delivers them. Announced through {@link #watching}, each such event forgets the room's
 * cached members and reaches the hub under the room's lock; {@code join_room} checks membership
 * and subscribes under the same lock. So a check can never see a membership that was already
 * announced gone, and a subscription made before the announcement is undone by it: a removed
 * member never stays subscribed. Members are loaded under the lock too, so a load cannot put back
 * what an announced change made stale. A {@code room_updated} forgets the room the same way (its
 * AI mode may have changed).
 *
 * <p>A change is seen here once it is announced, a moment after its commit: a message posted in
 * that moment by a member being removed is stored and shown before the {@code member_left}, as
 * if it had been sent just before the removal.
 */
public final class Memberships {
    /** Past this many cached rooms the cache starts over, so memory stays bounded. */
    static final int MAX_ROOMS = 10_000;
    /** With a shared database, how often a room's cached refusal may be read again. */
    static final long CONFIRM_EVERY_MS = 250;

    private final Database db;
    private final boolean confirmRefusals;
    /** Room -> System.nanoTime() of its last confirming read. */
    private final ConcurrentHashMap<String, Long> confirmedAt = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final ConcurrentHashMap<String, Cached> rooms = new ConcurrentHashMap<>();

    /** A room's member ids and AI mode (null: no such room; read only on one server, see {@link #aiModeOfMember}). */
    private record Cached(Set<String> members, String aiMode) {}

    /** One server: the cache alone answers. */
    public Memberships(Database db) {
        this(db, false);
    }

    /**
     * @param confirmRefusals true when other servers change memberships too: a change made there
     *                        reaches this cache a moment after its commit, so a user who just joined
     *                        through another server would be refused; a refusal is then read again
     *                        from the database, at most once per room every {@value #CONFIRM_EVERY_MS}
     *                        ms (so a flood of refused frames costs no read each)
     */
    public Memberships(Database db, boolean confirmRefusals) {
        this.db = db;
        this.confirmRefusals = confirmRefusals;
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
    }

    /** {@code next}, with membership events also keeping this cache true (see above). */
    public RoomEvents watching(RoomEvents next) {
        return (roomId, event) -> {
            if (event instanceof Events.MemberJoined || event instanceof Events.MemberLeft
                    || event instanceof Events.RoomDeleted || event instanceof Events.RoomUpdated) {
                changed(roomId, () -> next.publish(roomId, event));
            } else {
                next.publish(roomId, event);
            }
        };
    }

    /**
     * The same for events a bus between servers delivers to this server's hub ({@code next}):
     * a change made on any server keeps every server's cache true, in the same way.
     */
    public Consumer<RoomFrame> watchingFrames(Consumer<RoomFrame> next) {
        return frame -> {
            if (frame.changesMembership()) changed(frame.roomId(), () -> next.accept(frame));
            else next.accept(frame);
        };
    }

    private void changed(String roomId, Runnable announce) {
        ReentrantLock lock = lockOf(roomId);
        lock.lock();
        try {
            rooms.remove(roomId);
            announce.run();
        } finally {
            lock.unlock();
        }
    }

    public boolean isMember(String roomId, String userId) {
        return cached(roomId, userId).members().contains(userId);
    }

    /**
     * The room's AI mode when {@code userId} is a member of it; null when not, or when only the
     * database can tell (other servers change memberships too: a removal made there reaches this
     * cache a moment later, and a message must not be stored in that moment).
     */
    public String aiModeOfMember(String roomId, String userId) {
        if (confirmRefusals) return null;
        Cached room = cached(roomId, userId);
        return room.members().contains(userId) ? room.aiMode() : null;
    }

    private Cached cached(String roomId, String userId) {
        Cached cached = rooms.get(roomId);
        if (cached != null && (cached.members().contains(userId) || !mayConfirm(roomId))) return cached;
        ReentrantLock lock = lockOf(roomId);
        lock.lock();
        try {
            return loadFor(roomId, userId);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} (a subscription) while {@code userId} is a member; false when not a member. */
    public boolean whileMember(String roomId, String userId, Runnable action) {
        ReentrantLock lock = lockOf(roomId);
        lock.lock();
        try {
            if (!loadFor(roomId, userId).members().contains(userId)) return false;
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The room's members, read again when they leave {@code userId} out and refusals are confirmed. */
    private Cached loadFor(String roomId, String userId) {
        Cached cached = rooms.get(roomId);
        if (cached != null && (cached.members().contains(userId) || !mayConfirm(roomId))) return cached;
        if (cached != null) {
            if (confirmedAt.size() >= MAX_ROOMS) confirmedAt.clear();
            confirmedAt.put(roomId, System.nanoTime());
            rooms.remove(roomId);
        }
        return load(roomId);
    }

    private boolean mayConfirm(String roomId) {
        if (!confirmRefusals) return false;
        Long last = confirmedAt.get(roomId);
        return last == null || System.nanoTime() - last >= CONFIRM_EVERY_MS * 1_000_000;
    }

    private Cached load(String roomId) {
        Cached cached = rooms.get(roomId);
        if (cached != null) return cached;
        Cached loaded = db.read(h -> {
            RoomDao dao = h.attach(RoomDao.class);
            return new Cached(Set.copyOf(dao.memberIds(roomId)), dao.aiMode(roomId).orElse(null));
        });
        if (rooms.size() >= MAX_ROOMS) rooms.clear();
        rooms.put(roomId, loaded);
        return loaded;
    }

    private ReentrantLock lockOf(String roomId) {
        return locks[Math.floorMod(roomId.hashCode(), locks.length)];
    }
}
