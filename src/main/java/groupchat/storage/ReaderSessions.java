package groupchat.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * SQLite's read-only sessions, lent to one read at a time. Taking them all waits for the reads in
 * flight and holds new ones back: a restart of the log needs every reader out of it, and a
 * connection closed under a read broke its statement cache.
 */
final class ReaderSessions {
    private final BlockingQueue<Session> idle;
    private final int count;

    ReaderSessions(int count) {
        this.idle = new ArrayBlockingQueue<>(count);
        this.count = count;
    }

    int count() {
        return count;
    }

    /** Waits for a free session; give it back with {@link #giveBack(Session)}. */
    Session take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
    }

    void giveBack(Session session) {
        idle.add(session);
    }

    /**
     * Every session, waiting up to {@code waitMs} for those in use; fewer when some did not come
     * back in time (or the wait was interrupted). Give them back with {@link #giveBack(List)}.
     */
    List<Session> takeAll(long waitMs) {
        List<Session> taken = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try {
            while (taken.size() < count) {
                Session session = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (session == null) break;
                taken.add(session);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    void giveBack(List<Session> taken) {
        idle.addAll(taken);
    }
}
