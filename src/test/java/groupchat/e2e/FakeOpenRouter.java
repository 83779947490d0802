package groupchat.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenRouter stand-in on 127.0.0.1 that streams a chat completion as SSE, the way
 * OpenRouter does. It sends the first part of the answer, then waits until the test calls
 * {@link #finish()}, so the test can see the answer while it is still streaming.
 */
final class FakeOpenRouter implements AutoCloseable {
    static final String MODEL = "fake/e2e-model";
    static final List<String> FIRST = List.of("Hello ", "from the ", "fake model. ");
    static final List<String> REST = List.of("Here is a list:\n\n", "- **one**\n", "- two\n");

    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger completions = new AtomicInteger();

    FakeOpenRouter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    void finish() {
        release.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("/models")) {
            byte[] body = ("{\"data\":[{\"id\":\"" + MODEL + "\",\"name\":\"Fake E2E\",\"context_length\":8000,"
                    + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
            return;
        }
        if (!path.endsWith("/chat/completions")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        completions.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            event(out, ": OPENROUTER PROCESSING");
            for (String part : FIRST) event(out, "data: " + chunk(part, null));
            release.await(60, TimeUnit.SECONDS);
            for (String part : REST) event(out, "data: " + chunk(part, null));
            event(out, "data: " + chunk("", "stop"));
            event(out, "data: {\"id\":\"gen-e2e\",\"model\":\"" + MODEL + "\",\"choices\":[],\"usage\":"
                    + "{\"prompt_tokens\":42,\"completion_tokens\":17,\"total_tokens\":59,\"cost\":0.000123}}");
            event(out, "data: [DONE]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String content, String finish) {
        String delta = content.isEmpty() ? "{}" : "{\"role\":\"assistant\",\"content\":" + jsonString(content) + "}";
        return "{\"id\":\"gen-e2e\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void event(OutputStream out, String line) throws IOException {
        out.write((line + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
