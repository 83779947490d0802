package groupchat.messages;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps each room's announcements in the order its messages were stored: a room's lock is held
 * from the insert to the announcement, whichever kind of message it is (human, AI, system).
 * Striped: rooms share a few locks instead of one global one. With several servers on one
 * database the room is also locked across them ({@link Shared}), inside the local lock.
 */
public final class RoomOrder {
    /** A lock on a room held by one server at a time (cluster/ClusterRoomLocks). */
    public interface Shared {
        <T> T holding(String roomId, Supplier<T> work);
    }

    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final Shared shared;

    /** One server: the local lock is all it takes. */
    public RoomOrder() {
        this(null);
    }

    public RoomOrder(Shared shared) {
        this.shared = shared;
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
    }

    /** Runs {@code storeAndAnnounce} holding the room's lock. */
    public <T> T inOrder(String roomId, Supplier<T> storeAndAnnounce) {
        ReentrantLock lock = locks[Math.floorMod(roomId.hashCode(), locks.length)];
        lock.lock();
        try {
            return shared == null ? storeAndAnnounce.get() : shared.holding(roomId, storeAndAnnounce);
        } finally {
            lock.unlock();
        }
    }
}
