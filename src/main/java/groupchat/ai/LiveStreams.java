package groupchat.ai;

import groupchat.realtime.JoinCatchUp;
import groupchat.realtime.RoomEvents;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The AI answers streaming right now and the text each has sent, so a connection that joins a
 * room mid-answer gets {@code ai_stream_start} and the text so far as one chunk, then the rest.
 * A stream's start and chunks and the joins to its room pass through the room's lock: each
 * chunk reaches a joiner exactly once, either inside its catch-up or as it is published.
 */
public final class LiveStreams implements JoinCatchUp {
    private final RoomEvents events;
    private final Object[] locks = new Object[64];
    /** Room -> its running stream; a room's entry changes only under that room's lock. */
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private record Live(String streamId, String model, StringBuilder text) {}

    public LiveStreams(RoomEvents events) {
        this.events = events;
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    void start(String roomId, String streamId, String model) {
        synchronized (lockOf(roomId)) {
            live.put(roomId, new Live(streamId, model, new StringBuilder()));
            events.publish(roomId, new AiEvents.StreamStart(roomId, streamId, model));
        }
    }

    void chunk(String roomId, String streamId, String delta) {
        synchronized (lockOf(roomId)) {
            Live stream = live.get(roomId);
            if (stream != null && stream.streamId().equals(streamId)) stream.text().append(delta);
            events.publish(roomId, new AiEvents.StreamChunk(roomId, streamId, delta));
        }
    }

    /**
     * The stream is over: called just before its end is published (a joiner in between gets the
     * end of a stream it never saw start, and so still the stored message), or when it is dropped.
     */
    void end(String roomId, String streamId) {
        synchronized (lockOf(roomId)) {
            Live stream = live.get(roomId);
            if (stream != null && stream.streamId().equals(streamId)) live.remove(roomId);
        }
    }

    @Override
    public void join(String roomId, Runnable subscribe, Consumer<Object> send) {
        synchronized (lockOf(roomId)) {
            subscribe.run();
            Live stream = live.get(roomId);
            if (stream == null) return;
            send.accept(new AiEvents.StreamStart(roomId, stream.streamId(), stream.model()));
            send.accept(new AiEvents.StreamChunk(roomId, stream.streamId(), stream.text().toString()));
        }
    }

    private Object lockOf(String roomId) {
        return locks[Math.floorMod(roomId.hashCode(), locks.length)];
    }
}
