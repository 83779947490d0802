package groupchat.ai;

import groupchat.realtime.JoinCatchUp;
import groupchat.realtime.RoomEvents;
import java.util.function.Consumer;

/**
 * The AI answers streaming right now on this server, followed as they are published, for late
 * joiners' catch-up ({@link StreamsSoFar}).
 */
public final class LiveStreams implements JoinCatchUp {
    private final RoomEvents events;
    private final StreamsSoFar soFar = new StreamsSoFar();

    public LiveStreams(RoomEvents events) {
        this.events = events;
    }

    void start(String roomId, String streamId, String model) {
        soFar.holding(roomId, () -> {
            soFar.started(roomId, streamId, model);
            events.publish(roomId, new AiEvents.StreamStart(roomId, streamId, model));
        });
    }

    void chunk(String roomId, String streamId, String delta) {
        soFar.holding(roomId, () -> {
            soFar.appended(roomId, streamId, delta);
            events.publish(roomId, new AiEvents.StreamChunk(roomId, streamId, delta));
        });
    }

    /**
     * The stream is over: called just before its end is published (a joiner in between gets the
     * end of a stream it never saw start, and so still the stored message), or when it is dropped.
     */
    void end(String roomId, String streamId) {
        soFar.holding(roomId, () -> soFar.ended(roomId, streamId));
    }

    @Override
    public void join(String roomId, Runnable subscribe, Consumer<Object> send) {
        soFar.join(roomId, subscribe, send);
    }
}
