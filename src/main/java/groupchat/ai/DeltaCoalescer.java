package groupchat.ai;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Joins a fast model's token deltas into fewer {@code ai_stream_chunk} frames. The first delta
 * goes out at once (people should see the answer start); after that text is sent at most once
 * per interval, or at once when the buffer grows past {@code maxChars}. A timer sends what is
 * left when the model pauses. Everything is sent under one lock, so frames keep their order.
 */
final class DeltaCoalescer {
    private final Consumer<String> sink;
    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private final int maxChars;
    private final StringBuilder buffer = new StringBuilder();
    private boolean sentAny;
    private boolean closed;
    private long lastSent;
    private ScheduledFuture<?> pendingFlush;

    DeltaCoalescer(Consumer<String> sink, ScheduledExecutorService timer, Duration interval, int maxChars) {
        this.sink = sink;
        this.timer = timer;
        this.intervalNanos = interval.toNanos();
        this.maxChars = maxChars;
    }

    synchronized void add(String delta) {
        if (closed || delta.isEmpty()) return;
        if (!sentAny) {
            sentAny = true;
            send(delta);
            return;
        }
        buffer.append(delta);
        long sinceLast = System.nanoTime() - lastSent;
        if (buffer.length() >= maxChars || sinceLast >= intervalNanos) {
            flush();
        } else if (pendingFlush == null) {
            pendingFlush = timer.schedule(this::flush, intervalNanos - sinceLast, TimeUnit.NANOSECONDS);
        }
    }

    /** Sends whatever is buffered now (before a tool event or the end of the stream). */
    synchronized void flush() {
        if (pendingFlush != null) {
            pendingFlush.cancel(false);
            pendingFlush = null;
        }
        if (closed || buffer.length() == 0) return;
        String text = buffer.toString();
        buffer.setLength(0);
        send(text);
    }

    /** Flushes and sends nothing more; a late timer tick finds it closed. */
    synchronized void close() {
        flush();
        closed = true;
    }

    /** Drops the buffer: the room is gone, nobody should see more. */
    synchronized void discard() {
        buffer.setLength(0);
        closed = true;
        if (pendingFlush != null) pendingFlush.cancel(false);
    }

    private void send(String text) {
        lastSent = System.nanoTime();
        sink.accept(text);
    }
}
