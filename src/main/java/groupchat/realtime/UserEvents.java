package groupchat.realtime;

/**
 * Publishes an event to every connection of one user, whichever rooms they joined (their read
 * marker moved on another device; a room was made for them). The hub implements it on one
 * machine, like {@link RoomEvents}.
 */
public interface UserEvents {
    void publishToUser(String userId, Object event);
}
