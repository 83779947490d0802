package groupchat.testsupport.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * OpenRouter on 127.0.0.1: {@code POST /api/v1/chat/completions} answers with the queued
 * replies in order (a plain answer "OK" when the queue is empty) and records every request;
 * {@code GET /api/v1/models} answers with what {@link #models} set.
 */
public final class FakeOpenRouter extends FakeServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer to a chat completion request. */
    public interface Reply {
        void respond(HttpExchange exchange) throws IOException;
    }

    public record Request(JsonNode body, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> values = headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private volatile int modelsStatus = 200;
    private volatile String modelsBody = "{\"data\":[]}";
    private volatile int modelsCalls;
    private volatile CountDownLatch modelsArrived;
    private volatile CountDownLatch modelsRelease;

    private FakeOpenRouter() {
        server.createContext("/api/v1/chat/completions", this::chat);
        server.createContext("/api/v1/models", this::models);
        begin();
    }

    public static FakeOpenRouter start() {
        return new FakeOpenRouter();
    }

    /** The OPENROUTER_BASE_URL to configure. */
    public String baseUrl() {
        return origin() + "/api/v1";
    }

    public FakeOpenRouter enqueue(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /** An HTTP error with OpenRouter's JSON error body. */
    public static Reply error(int status, String message) {
        return exchange -> sendJson(exchange, status,
                JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", status).put("message", message))
                        .toString());
    }

    /** Waits up to 10 s for the next chat request the fake received. */
    public Request takeRequest() throws InterruptedException {
        Request r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("the fake OpenRouter received no request");
        return r;
    }

    /** Waits up to 10 s for the chat request number {@code index} (0-based, counting all so far). */
    public Request request(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (all.size() <= index) {
            if (System.nanoTime() > deadline) throw new AssertionError("the fake OpenRouter got no request " + index);
            Thread.sleep(10);
        }
        return all.get(index);
    }

    /** Every chat request so far. */
    public List<Request> requests() {
        return List.copyOf(all);
    }

    public void models(int status, String body) {
        modelsStatus = status;
        modelsBody = body;
    }

    /** Holds each models request: counts down {@code arrived}, then waits for {@code release}. */
    public void holdModels(CountDownLatch arrived, CountDownLatch release) {
        modelsArrived = arrived;
        modelsRelease = release;
    }

    public int modelsCalls() {
        return modelsCalls;
    }

    private void chat(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            sendJson(exchange, 405, "{\"error\":{\"message\":\"POST only\"}}");
            return;
        }
        Request request = new Request(JSON.readTree(body(exchange)), Map.copyOf(exchange.getRequestHeaders()));
        all.add(request);
        received.add(request);
        Reply reply = replies.poll();
        (reply == null ? SseScript.answer("OK") : reply).respond(exchange);
    }

    private void models(HttpExchange exchange) throws IOException {
        modelsCalls++;
        if (modelsArrived != null) {
            modelsArrived.countDown();
            try {
                modelsRelease.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sendJson(exchange, modelsStatus, modelsBody);
    }
}
