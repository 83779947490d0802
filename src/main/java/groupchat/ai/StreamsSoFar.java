package groupchat.ai;

import groupchat.realtime.JoinCatchUp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The AI answer streaming in each room and its text so far, so a connection that joins a room
 * mid-answer gets {@code ai_stream_start} and the text so far as one chunk, then the rest. A
 * stream's events are followed and passed on holding the room's lock ({@link #holding}), and a
 * join subscribes and catches up under the same lock: each chunk reaches a joiner exactly once,
 * inside its catch-up or as it passes. On one server {@link LiveStreams} follows the streams as
 * they are published; in a cluster {@code cluster/DeliveredStreams} follows them as the bus
 * delivers them (the answer may run on another server).
 */
public final class StreamsSoFar implements JoinCatchUp {
    private final Object[] locks = new Object[64];
    /** Room -> its running stream; a room's entry changes only under that room's lock. */
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private record Live(String streamId, String model, StringBuilder text) {}

    public StreamsSoFar() {
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** Runs {@code step} (following a stream event and passing it on) holding the room's lock. */
    public void holding(String roomId, Runnable step) {
        synchronized (lockOf(roomId)) {
            step.run();
        }
    }

    /** Holding the room's lock: a stream started. */
    public void started(String roomId, String streamId, String model) {
        live.put(roomId, new Live(streamId, model, new StringBuilder()));
    }

    /** Holding the room's lock: the stream sent more text. */
    public void appended(String roomId, String streamId, String delta) {
        Live stream = live.get(roomId);
        if (stream != null && stream.streamId().equals(streamId)) stream.text().append(delta);
    }

    /** Holding the room's lock: the stream is over (null: whichever was running). */
    public void ended(String roomId, String streamId) {
        Live stream = live.get(roomId);
        if (stream != null && (streamId == null || stream.streamId().equals(streamId))) live.remove(roomId);
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
