package groupchat.testsupport.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tavily ({@code POST /search}) and Brave ({@code GET /res/v1/web/search}) on 127.0.0.1, in
 * their real response shapes. Each answers with {@link #results}, or with {@link #failWith}'s status.
 */
public final class FakeSearch extends FakeServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Hit(String title, String url, String snippet) {}

    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile List<Hit> results = List.of();
    private volatile int failStatus;

    private FakeSearch() {
        server.createContext("/search", this::tavily);
        server.createContext("/res/v1/web/search", this::brave);
        begin();
    }

    public static FakeSearch start() {
        return new FakeSearch();
    }

    public FakeSearch results(Hit... hits) {
        results = List.of(hits);
        return this;
    }

    public FakeSearch failWith(int status) {
        failStatus = status;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private boolean record(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body(exchange)));
        if (failStatus == 0) return true;
        sendJson(exchange, failStatus, "{\"detail\":{\"error\":\"failing on purpose\"}}");
        return false;
    }

    private void tavily(HttpExchange exchange) throws IOException {
        if (!record(exchange)) return;
        ObjectNode body = JSON.createObjectNode().put("query", "q").put("answer", "A short answer.")
                .put("response_time", 0.5);
        ArrayNode list = body.putArray("results");
        for (Hit h : results) {
            list.addObject().put("title", h.title()).put("url", h.url()).put("content", h.snippet()).put("score", 0.9);
        }
        sendJson(exchange, 200, body.toString());
    }

    private void brave(HttpExchange exchange) throws IOException {
        if (!record(exchange)) return;
        ObjectNode body = JSON.createObjectNode().put("type", "search");
        body.putObject("query").put("original", "q");
        ArrayNode list = body.putObject("web").put("type", "search").putArray("results");
        for (Hit h : results) {
            list.addObject().put("title", h.title()).put("url", h.url())
                    .put("description", "<strong>" + h.snippet() + "</strong>").put("type", "search_result");
        }
        sendJson(exchange, 200, body.toString());
    }
}
