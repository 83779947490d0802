package groupchat.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (JDK) that records every frame the server sends. */
public final class TestSocket implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile boolean paused;

    private TestSocket(String url) {
        this.socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).join();
    }

    public static TestSocket connect(TestServer server, String token) {
        return new TestSocket(server.wsUrl(token));
    }

    /** To a server started as its own process ({@link ServerProcess#wsUrl}). */
    public static TestSocket connect(String url) {
        return new TestSocket(url);
    }

    public void send(Object frame) {
        try {
            String text = frame instanceof String s ? s : Api.JSON.writeValueAsString(frame);
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the server has taken this connection in (a ping answered), so events sent to
     * the user's connections reach it; the upgrade alone does not promise that.
     */
    public TestSocket ready() {
        send(Api.obj("type", "ping"));
        awaitType("pong");
        return this;
    }

    /** Joins a room and waits for the `joined` answer. */
    public void join(String roomId) {
        send(Api.obj("type", "join_room", "room_id", roomId));
        await(f -> "joined".equals(f.path("type").asText()) && roomId.equals(f.path("room_id").asText()));
    }

    /** The next frame matching {@code test}; frames before it are dropped. */
    public JsonNode await(Predicate<JsonNode> test) {
        return await(test, Duration.ofSeconds(10));
    }

    public JsonNode await(Predicate<JsonNode> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) throw new AssertionError("no matching frame within " + timeout);
                if (test.test(frame)) return frame;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asText()));
    }

    /** Collects {@code count} frames of a type, in arrival order. */
    public List<JsonNode> collect(String type, int count, Duration timeout) {
        List<JsonNode> result = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (result.size() < count) {
            long left = deadline - System.nanoTime();
            result.add(await(f -> type.equals(f.path("type").asText()), Duration.ofNanos(Math.max(left, 1))));
        }
        return result;
    }

    /** Asserts that no frame matching {@code test} arrives within {@code wait}. */
    public void assertNone(Predicate<JsonNode> test, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null && test.test(frame)) throw new AssertionError("unexpected frame " + frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading from the socket, like a client on a stalled network. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        socket.request(Long.MAX_VALUE);
    }

    /** The close reason, once the server closed the connection. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Api.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            if (!paused) ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
