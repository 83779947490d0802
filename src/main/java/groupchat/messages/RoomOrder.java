package groupchat.messages;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps each room's announcements in the order its messages were stored: a room's lock is held
 * from the insert to the announcement, whichever kind of message it is (human, AI, system).
 * Striped: rooms share a few locks instead of one global one.
 */
public final class RoomOrder {
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public RoomOrder() {
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
    }

    /** Runs {@code storeAndAnnounce} holding the room's lock. */
    public <T> T inOrder(String roomId, Supplier<T> storeAndAnnounce) {
        ReentrantLock lock = locks[Math.floorMod(roomId.hashCode(), locks.length)];
        lock.lock();
        try {
            return storeAndAnnounce.get();
        } finally {
            lock.unlock();
        }
    }
}
