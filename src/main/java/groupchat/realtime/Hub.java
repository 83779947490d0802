package groupchat.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Room -> subscribed connections, on this server. Each event is serialized once and queued to
 * every subscriber. The hub also keeps subscriptions true to membership: a member_left or
 * room_deleted goes out after the affected connections stopped receiving the room's events.
 */
public final class Hub implements RoomEvents, UserEvents {
    /** Close code of a connection whose token was revoked (logout, password change, disabled account). */
    public static final int SESSION_ENDED = 4001;

    private final ObjectMapper json;
    private final ConcurrentHashMap<String, Set<Connection>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    private volatile Consumer<Object> observer = event -> { };

    public Hub(ObjectMapper json) {
        this.json = json;
    }

    /** Sees every published event (the metrics count messages and AI answers this way). */
    public void observe(Consumer<Object> observer) {
        this.observer = observer;
    }

    @Override
    public void publish(String roomId, Object event) {
        deliver(frame(roomId, event));
    }

    /**
     * The event serialized once, with its effect on subscriptions (what a bus carries between
     * servers). The observer sees it here, once, on the server where it was published.
     */
    public RoomFrame frame(String roomId, Object event) {
        observer.accept(event);
        return RoomFrame.of(roomId, event, serialize(event));
    }

    /** Queues the frame to the room's subscribers on this server, then applies its effect. */
    public void deliver(RoomFrame frame) {
        String roomId = frame.roomId();
        switch (frame.effect()) {
            // Unsubscribed before the frame goes out: a client that has read it is out of the room.
            case MEMBER_LEFT -> {
                Set<Connection> subscribers = Set.copyOf(rooms.getOrDefault(roomId, Set.of()));
                for (Connection c : byUser.getOrDefault(frame.userId(), Set.of())) leave(c, roomId);
                subscribers.forEach(c -> c.send(frame.frame()));
            }
            case ROOM_DELETED -> {
                Set<Connection> subscribers = rooms.remove(roomId);
                if (subscribers == null) return;
                subscribers.forEach(c -> c.rooms().remove(roomId));
                subscribers.forEach(c -> c.send(frame.frame()));
            }
            case NOT_TO_USER -> deliver(roomId, frame.frame(), frame.userId());
            default -> deliver(roomId, frame.frame(), null);
        }
    }

    @Override
    public void publishToUser(String userId, Object event) {
        deliverToUser(userId, serialize(event));
    }

    /** Queues a frame to every connection of the user on this server. */
    public void deliverToUser(String userId, ByteBuffer frame) {
        Set<Connection> own = byUser.get(userId);
        if (own == null) return;
        for (Connection c : own) c.send(frame);
    }

    /** An event serialized once, for {@link #deliverToUser} on this or another server. */
    public ByteBuffer encode(Object event) {
        return serialize(event);
    }

    /**
     * Closes every connection on this server; their clients reconnect and catch up with
     * {@code after=}. For a server that may have missed events (its bus connection was lost).
     */
    public void closeAll(int code, String reason) {
        connections.values().forEach(c -> c.close(code, reason));
    }

    /** Sends one event to one connection (replies to its own frames). */
    public void reply(Connection connection, Object event) {
        connection.send(serialize(event));
    }

    /**
     * Adds a connection unless its user already has {@code maxPerUser} open; checked and added in
     * one step, so concurrent connects of one user cannot overshoot the cap.
     */
    public boolean add(Connection connection, int maxPerUser) {
        boolean[] added = {false};
        byUser.compute(connection.user().id(), (k, set) -> {
            if (set != null && set.size() >= maxPerUser) return set;
            added[0] = true;
            return withAdded(set, connection);
        });
        if (added[0]) connections.put(connection.id(), connection);
        return added[0];
    }

    public void remove(String connectionId) {
        Connection connection = connections.remove(connectionId);
        if (connection == null) return;
        connection.closed();
        for (String roomId : connection.rooms()) leave(connection, roomId);
        byUser.computeIfPresent(connection.user().id(), (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    public Connection connection(String connectionId) {
        return connections.get(connectionId);
    }

    public void join(Connection connection, String roomId) {
        // compute (not computeIfAbsent + add) so a concurrent leave cannot drop a set we add to.
        rooms.compute(roomId, (k, set) -> withAdded(set, connection));
        connection.rooms().add(roomId);
    }

    public void leave(Connection connection, String roomId) {
        connection.rooms().remove(roomId);
        rooms.computeIfPresent(roomId, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Closes the user's connections opened with any of these (revoked) tokens. */
    public void closeSessions(String userId, Set<String> tokenIds) {
        for (Connection c : byUser.getOrDefault(userId, Set.of())) {
            if (tokenIds.contains(c.tokenId())) c.close(SESSION_ENDED, "session ended: sign in again");
        }
    }

    /** Pings every connection on this server ({@link KeepAlive}). */
    void pingAll() {
        connections.values().forEach(Connection::ping);
    }

    /** Open connections on this server (the metrics gauge). */
    public int connectionCount() {
        return connections.size();
    }

    public int connectionCount(String userId) {
        return byUser.getOrDefault(userId, Set.of()).size();
    }

    private static Set<Connection> withAdded(Set<Connection> set, Connection connection) {
        Set<Connection> result = set == null ? ConcurrentHashMap.newKeySet() : set;
        result.add(connection);
        return result;
    }

    private void deliver(String roomId, ByteBuffer frame, String exceptUserId) {
        Set<Connection> subscribers = rooms.get(roomId);
        if (subscribers == null) return;
        for (Connection c : subscribers) {
            if (exceptUserId == null || !exceptUserId.equals(c.user().id())) c.send(frame);
        }
    }

    /** Serialized and UTF-8 encoded once per event, however many connections receive it. */
    private ByteBuffer serialize(Object event) {
        try {
            return ByteBuffer.wrap(json.writeValueAsBytes(event)).asReadOnlyBuffer();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event does not serialize: " + event.getClass(), e);
        }
    }
}
