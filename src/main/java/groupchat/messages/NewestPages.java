package groupchat.messages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import groupchat.ai.AiEvents;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Each room's newest history page, kept as the JSON bytes the route sends. Opening a room asks
 * for it, so it is by far the most read page, and every member reads the same one: answered from
 * here it costs no query, no mapping and no encoding.
 *
 * <p>Kept current by the room's events: every event that a room's messages change with (a new
 * message, an AI answer's end, an edit, a reaction, a clear, a deletion...) comes after its
 * commit and passes {@link #watching} before it reaches the hub, which drops the room's page, so
 * a client that got the event and then reads the page sees the change. Only typing and streamed
 * AI text, which change nothing stored, leave it. A change of an account (its name or avatar
 * shows on its messages) drops every page ({@link #forgetAll}).
 *
 * <p>A page read from the database while a change commits must not be put back after the change
 * dropped it: each room maps to a generation counter that a drop increments before removing the
 * page, and a read keeps its page only if its room's counter has not moved since it started
 * (checked atomically with the insertion, per room).
 */
public final class NewestPages {
    /** Encoded pages kept at most (bytes); the least used rooms' pages go first. */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final int STRIPES = 256;

    private final boolean keeping;
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private final Cache<String, Page> pages = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .weigher((String roomId, Page page) -> page.body().length + 64).build();

    private record Page(int limit, byte[] body) {}

    private NewestPages(boolean keeping) {
        this.keeping = keeping;
    }

    /** Pages kept, for a server whose room events all pass {@link #watching} (one server on SQLite). */
    public static NewestPages kept() {
        return new NewestPages(true);
    }

    /** Every page read from the database (several servers: another one's change arrives after its commit). */
    public static NewestPages none() {
        return new NewestPages(false);
    }

    /** {@code next}, with every event that changes a room's messages dropping its page first. */
    public RoomEvents watching(RoomEvents next) {
        return (roomId, event) -> {
            if (!(event instanceof Events.Typing || event instanceof AiEvents.StreamChunk)) forget(roomId);
            next.publish(roomId, event);
        };
    }

    /** The newest {@code limit} messages of the room as JSON: kept, or {@code read} (and kept). */
    byte[] newest(String roomId, int limit, Supplier<byte[]> read) {
        if (!keeping) return read.get();
        Page page = pages.getIfPresent(roomId);
        if (page != null && page.limit() == limit) return page.body();
        int stripe = stripe(roomId);
        long generation = generations.get(stripe);
        byte[] body = read.get();
        pages.asMap().compute(roomId, (id, kept) -> generations.get(stripe) == generation ? new Page(limit, body) : kept);
        return body;
    }

    /** After an account changed: names and avatars on every page may be out of date. */
    public void forgetAll() {
        for (int i = 0; i < STRIPES; i++) generations.incrementAndGet(i);
        pages.invalidateAll();
    }

    private void forget(String roomId) {
        generations.incrementAndGet(stripe(roomId));
        pages.invalidate(roomId);
    }

    private static int stripe(String roomId) {
        return Math.floorMod(roomId.hashCode(), STRIPES);
    }
}
