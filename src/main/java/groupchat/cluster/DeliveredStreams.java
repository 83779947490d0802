package groupchat.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.AiEvents;
import groupchat.realtime.JoinCatchUp;
import groupchat.realtime.RoomFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A late joiner's catch-up with the AI answer streaming in its room, on a server of a cluster.
 * The answer may run on another server, and even this server's own stream events reach its
 * sockets only when the bus hands them back, so the text so far is followed here as the bus
 * delivers the stream's frames, under the same room lock as joins: each chunk reaches a joiner
 * exactly once, inside its catch-up or as delivered. (On one server {@code ai/LiveStreams}
 * follows the stream as it is published.)
 */
public final class DeliveredStreams implements JoinCatchUp {
    private static final byte[] AI_FRAME = "{\"type\":\"ai_".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final Object[] locks = new Object[64];
    /** Room -> its stream as delivered so far; changed only under the room's lock. */
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private record Live(String streamId, String model, StringBuilder text) {}

    public DeliveredStreams(ObjectMapper json) {
        this.json = json;
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** {@code next} (the hub), with the room's stream followed as its frames pass. */
    public Consumer<RoomFrame> watching(Consumer<RoomFrame> next) {
        return frame -> {
            if (!startsWith(frame.frame(), AI_FRAME)) {
                if (frame.effect() == RoomFrame.Effect.ROOM_DELETED) live.remove(frame.roomId());
                next.accept(frame);
                return;
            }
            synchronized (lockOf(frame.roomId())) {
                follow(frame.roomId(), read(frame.frame()));
                next.accept(frame);
            }
        };
    }

    private void follow(String roomId, JsonNode event) {
        String streamId = event.path("stream_id").asText(null);
        switch (event.path("type").asText()) {
            case "ai_stream_start" -> live.put(roomId, new Live(streamId, event.path("model").asText(null),
                    new StringBuilder()));
            case "ai_stream_chunk" -> {
                Live stream = live.get(roomId);
                if (stream != null && stream.streamId().equals(streamId)) {
                    stream.text().append(event.path("delta").asText(""));
                }
            }
            // The end, or typing off (an answer dropped without an end): nothing to catch up with.
            case "ai_stream_end" -> live.remove(roomId);
            case "ai_typing" -> {
                if (!event.path("is_typing").asBoolean()) live.remove(roomId);
            }
            default -> { }
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

    private JsonNode read(ByteBuffer frame) {
        ByteBuffer copy = frame.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("a bus frame is not JSON", e);
        }
    }

    private static boolean startsWith(ByteBuffer frame, byte[] prefix) {
        if (frame.remaining() < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (frame.get(frame.position() + i) != prefix[i]) return false;
        }
        return true;
    }

    private Object lockOf(String roomId) {
        return locks[Math.floorMod(roomId.hashCode(), locks.length)];
    }
}
