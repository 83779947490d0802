package groupchat.testsupport.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.realtime.RoomEvents;
import groupchat.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * RoomEvents that keeps every event as the JSON a WebSocket client would receive (serialized
 * with the server's own mapper), so tests assert on the wire shape.
 */
public final class CapturingRoomEvents implements RoomEvents {
    private final ObjectMapper json = Json.newMapper();
    private final List<JsonNode> events = new ArrayList<>();
    private volatile Consumer<JsonNode> listener = e -> { };

    @Override
    public void publish(String roomId, Object event) {
        JsonNode node = json.valueToTree(event);
        synchronized (this) {
            events.add(node);
            notifyAll();
        }
        listener.accept(node);
    }

    /** Called with each event as it is published (on the publishing thread). */
    public void onEvent(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    public synchronized List<JsonNode> all() {
        return List.copyOf(events);
    }

    public synchronized List<JsonNode> ofType(String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** Waits up to 15 s until {@code count} events match, and returns all events so far. */
    public synchronized List<JsonNode> awaitCount(Predicate<JsonNode> match, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (events.stream().filter(match).count() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("expected " + count + " matching events, got: " + events);
            wait(left);
        }
        return List.copyOf(events);
    }

    /** Waits for the n-th (1-based) {@code ai_typing} false: the end of the n-th answer. */
    public List<JsonNode> awaitAnswers(int n) throws InterruptedException {
        return awaitCount(e -> e.path("type").asText().equals("ai_typing") && !e.path("is_typing").asBoolean(), n);
    }

    public synchronized void clear() {
        events.clear();
    }
}
