package groupchat.realtime;

import java.util.function.Consumer;

/**
 * Subscribes a connection to a room and sends it, right after, what it needs to catch up with
 * (the AI answer streaming there, so far), atomically with the room's stream events.
 */
public interface JoinCatchUp {
    void join(String roomId, Runnable subscribe, Consumer<Object> send);
}
