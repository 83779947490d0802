package groupchat.realtime;

import groupchat.auth.User;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket connection with a bounded outbox. Frames are sent one at a time with Jetty's
 * asynchronous send, so a broadcast only enqueues and never waits on a slow client; a client
 * that falls too far behind is closed and catches up over HTTP with {@code after=}.
 *
 * <p>Frames are UTF-8 text already encoded once per event by the {@link Hub}, and go to Jetty's
 * core session (see {@link #coreOf}).
 */
public final class Connection {
    /** Close code 1008 (policy violation): the client did not keep up. */
    static final int TOO_SLOW = 1008;
    static final String TOO_SLOW_REASON = "too slow: reconnect and catch up with GET messages?after=";
    /** Typing frames per second of one connection that reach its room. */
    static final int TYPING_PER_SECOND = 5;

    private final String id;
    private final User user;
    private final String tokenId;
    private final Session session;
    private final CoreSession core;
    private final int maxQueuedFrames;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    // Small at first: most connections are idle most of the time; it grows with a burst.
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>(2);
    private boolean sending;
    private boolean closed;
    /**
     * When the last {@value #TYPING_PER_SECOND} typing frames passed, oldest at {@code typingNext};
     * made at the first one. Guarded by {@code this}.
     */
    private long[] typingPassed;
    private int typingNext;
    private int typingCount;

    public Connection(String id, User user, String tokenId, Session session, int maxQueuedFrames) {
        this.id = id;
        this.user = user;
        this.tokenId = tokenId;
        this.session = session;
        this.core = coreOf(session);
        this.maxQueuedFrames = maxQueuedFrames;
    }

    /**
     * Jetty's public WebSocket API sends text only as a String, which it encodes to UTF-8 again
     * for every recipient, and flushes every frame on its own. Its core session takes a ready
     * buffer and can batch queued frames into one write, and the public API offers no way to
     * reach it: this is the one place that casts to Jetty's own session class.
     */
    private static CoreSession coreOf(Session session) {
        return ((WebSocketSession) session).getCoreSession();
    }

    public String id() {
        return id;
    }

    public User user() {
        return user;
    }

    /** The id of the token the connection was opened with: revoking it closes the connection. */
    public String tokenId() {
        return tokenId;
    }

    Set<String> rooms() {
        return rooms;
    }

    public boolean inRoom(String roomId) {
        return rooms.contains(roomId);
    }

    /**
     * Whether a typing frame may reach the room: at most {@value #TYPING_PER_SECOND} in any one
     * second (a sliding window over the times of the last ones let through).
     */
    public synchronized boolean mayType(long nowNanos) {
        if (typingPassed == null) typingPassed = new long[TYPING_PER_SECOND];
        if (typingCount == TYPING_PER_SECOND && nowNanos - typingPassed[typingNext] < 1_000_000_000L) return false;
        typingPassed[typingNext] = nowNanos;
        typingNext = (typingNext + 1) % TYPING_PER_SECOND;
        typingCount = Math.min(TYPING_PER_SECOND, typingCount + 1);
        return true;
    }

    /**
     * Queues a text frame (UTF-8, shared between recipients: it is only read); returns false when
     * the connection is closed or was just closed as too slow.
     */
    public boolean send(ByteBuffer frame) {
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

    /** A ping frame, unless the connection is closed; sent beside the outbox (control frames may interleave). */
    void ping() {
        synchronized (outbox) {
            if (closed) return;
        }
        session.sendPing(ByteBuffer.allocate(0), org.eclipse.jetty.websocket.api.Callback.NOOP);
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
        session.close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    /**
     * Sends what is queued, a burst at a time: all but the last frame of a burst are batched
     * into Jetty's buffer, the last one flushes them, and its completion starts the next burst.
     * Looping (not recursing) keeps inline completions flat.
     */
    private void drain() {
        while (true) {
            ByteBuffer[] burst;
            synchronized (outbox) {
                if (closed || outbox.isEmpty()) {
                    sending = false;
                    return;
                }
                burst = outbox.toArray(ByteBuffer[]::new);
                outbox.clear();
            }
            for (int i = 0; i < burst.length - 1; i++) {
                core.sendFrame(new Frame(OpCode.TEXT, burst[i].slice()), Callback.from(() -> { }, e -> closed()), true);
            }
            SendCompletion completion = new SendCompletion();
            core.sendFrame(new Frame(OpCode.TEXT, burst[burst.length - 1].slice()), completion, false);
            if (!completion.continueInline()) return;
        }
    }

    private final class SendCompletion implements Callback {
        private static final int PENDING = 0;
        private static final int DONE_INLINE = 1;
        private static final int DEFERRED = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public void succeeded() {
            if (!state.compareAndSet(PENDING, DONE_INLINE)) drain();
        }

        @Override
        public void failed(Throwable cause) {
            closed();
        }

        /** True when the send already completed, so the caller's loop goes on. */
        boolean continueInline() {
            return !state.compareAndSet(PENDING, DEFERRED);
        }
    }
}
