package groupchat.testsupport.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Web pages on 127.0.0.1 for the fetch tool: pages, redirects, huge and slow bodies. */
public final class FakePages extends FakeServer {
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<String> hits = new CopyOnWriteArrayList<>();

    private FakePages() {
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.add(path);
            Handler handler = routes.get(path);
            try {
                if (handler == null) send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                else handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the fetcher hung up (size limit, timeout): fine
            }
        });
        begin();
    }

    public static FakePages start() {
        return new FakePages();
    }

    public String url(String path) {
        return origin() + path;
    }

    public FakePages page(String path, String contentType, String body) {
        routes.put(path, ex -> send(ex, 200, contentType, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public FakePages redirect(String path, String location) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Location", location);
            send(ex, 302, null, new byte[0]);
        });
        return this;
    }

    /** An endless HTML body; the fetcher must stop reading on its own. */
    public FakePages endless(String path) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            byte[] block = "<p>more and more text</p>\n".repeat(400).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) out.write(block);
            }
        });
        return this;
    }

    /** Answers only after {@code ms} milliseconds. */
    public FakePages slow(String path, long ms) {
        routes.put(path, ex -> {
            Thread.sleep(ms);
            send(ex, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
        });
        return this;
    }

    public List<String> hits() {
        return List.copyOf(hits);
    }
}
