package groupchat.realtime;

/**
 * Publishes an event to everyone subscribed to a room. The WebSocket hub implements it on one
 * machine; a shared event bus can implement it when several servers share one database.
 *
 * <p>An event is any object that serializes (with the server's snake_case mapper) to a JSON
 * object with a {@code type} and, for room events, a {@code room_id}.
 */
public interface RoomEvents {
    void publish(String roomId, Object event);
}
