package groupchat.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.StreamsSoFar;
import groupchat.realtime.JoinCatchUp;
import groupchat.realtime.RoomFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A late joiner's catch-up with the AI answer streaming in its room, on a server of a cluster.
 * The answer may run on another server, and even this server's own stream events reach its
 * sockets only when the bus hands them back, so the text so far ({@link StreamsSoFar}) is
 * followed here as the bus delivers the stream's frames.
 */
public final class DeliveredStreams implements JoinCatchUp {
    private static final byte[] AI_FRAME = "{\"type\":\"ai_".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final StreamsSoFar soFar = new StreamsSoFar();

    public DeliveredStreams(ObjectMapper json) {
        this.json = json;
    }

    /** {@code next} (the hub), with the room's stream followed as its frames pass. */
    public Consumer<RoomFrame> watching(Consumer<RoomFrame> next) {
        return frame -> {
            if (!startsWith(frame.frame(), AI_FRAME)) {
                if (frame.effect() == RoomFrame.Effect.ROOM_DELETED) {
                    soFar.holding(frame.roomId(), () -> soFar.ended(frame.roomId(), null));
                }
                next.accept(frame);
                return;
            }
            soFar.holding(frame.roomId(), () -> {
                follow(frame.roomId(), read(frame.frame()));
                next.accept(frame);
            });
        };
    }

    private void follow(String roomId, JsonNode event) {
        String streamId = event.path("stream_id").asText(null);
        switch (event.path("type").asText()) {
            case "ai_stream_start" -> soFar.started(roomId, streamId, event.path("model").asText(null));
            case "ai_stream_chunk" -> soFar.appended(roomId, streamId, event.path("delta").asText(""));
            // The end, or typing off (an answer dropped without an end): nothing to catch up with.
            case "ai_stream_end" -> soFar.ended(roomId, null);
            case "ai_typing" -> {
                if (!event.path("is_typing").asBoolean()) soFar.ended(roomId, null);
            }
            default -> { }
        }
    }

    @Override
    public void join(String roomId, Runnable subscribe, Consumer<Object> send) {
        soFar.join(roomId, subscribe, send);
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
}
