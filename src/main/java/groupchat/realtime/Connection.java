package groupchat.realtime;

import groupchat.auth.User;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket connection with a bounded outbox. Frames are sent one at a time with Jetty's
 * asynchronous send, so a broadcast only enqueues and never waits on a slow client; a client
 * that falls too far behind is closed and catches up over HTTP with {@code after=}.
 */
public final class Connection {
    /** Close code 1008 (policy violation): the client did not keep up. */
    static final int TOO_SLOW = 1008;
    static final String TOO_SLOW_REASON = "too slow: reconnect and catch up with GET messages?after=";

    private final String id;
    private final User user;
    private final Session session;
    private final int maxQueuedFrames;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    public Connection(String id, User user, Session session, int maxQueuedFrames) {
        this.id = id;
        this.user = user;
        this.session = session;
        this.maxQueuedFrames = maxQueuedFrames;
    }

    public String id() {
        return id;
    }

    public User user() {
        return user;
    }

    Set<String> rooms() {
        return rooms;
    }

    public boolean inRoom(String roomId) {
        return rooms.contains(roomId);
    }

    /** Queues a text frame; returns false when the connection is closed or was just closed as too slow. */
    public boolean send(String frame) {
        synchronized (outbox) {
            if (closed) return false;
            if (outbox.size() >= maxQueuedFrames) {
                closeLocked(TOO_SLOW, TOO_SLOW_REASON);
                return false;
            }
            outbox.add(frame);
            if (sending) return true;
            sending = true;
        }
        drain();
        return true;
    }

    public void close(int code, String reason) {
        synchronized (outbox) {
            if (!closed) closeLocked(code, reason);
        }
    }

    /** Marks the connection gone (the socket closed); queued frames are dropped. */
    void closed() {
        synchronized (outbox) {
            closed = true;
            outbox.clear();
        }
    }

    private void closeLocked(int code, String reason) {
        closed = true;
        outbox.clear();
        session.close(code, reason, Callback.NOOP);
    }

    /**
     * Sends queued frames until the queue is empty or a send has to wait for the network; the
     * send's callback then continues. Looping (not recursing) keeps inline completions flat.
     */
    private void drain() {
        while (true) {
            String frame;
            synchronized (outbox) {
                frame = closed ? null : outbox.poll();
                if (frame == null) {
                    sending = false;
                    return;
                }
            }
            SendCompletion completion = new SendCompletion();
            session.sendText(frame, completion);
            if (!completion.continueInline()) return;
        }
    }

    private final class SendCompletion implements Callback {
        private static final int PENDING = 0;
        private static final int DONE_INLINE = 1;
        private static final int DEFERRED = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public void succeed() {
            if (!state.compareAndSet(PENDING, DONE_INLINE)) drain();
        }

        @Override
        public void fail(Throwable cause) {
            closed();
        }

        /** True when the send already completed, so the caller's loop goes on. */
        boolean continueInline() {
            return !state.compareAndSet(PENDING, DEFERRED);
        }
    }
}
