package groupchat.ai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Tavily: {@code POST {TAVILY_BASE_URL}/search} with a JSON body. */
public final class TavilySearch extends WebSearch {
    private final String baseUrl;
    private final String apiKey;

    public TavilySearch(HttpClient http, ObjectMapper json, Duration timeout, String baseUrl, String apiKey) {
        super(http, json, timeout);
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    String provider() {
        return "Tavily";
    }

    @Override
    HttpRequest request(String query) {
        ObjectNode body = json.createObjectNode()
                .put("api_key", apiKey)
                .put("query", query)
                .put("max_results", RESULTS)
                .put("search_depth", "basic");
        // The key goes in the body (Tavily's original API) and as a bearer token (its current one).
        return HttpRequest.newBuilder(URI.create(baseUrl + "/search"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    @Override
    Answer parse(JsonNode body) {
        List<Result> results = new ArrayList<>();
        for (JsonNode r : body.path("results")) {
            results.add(new Result(text(r, "title"), text(r, "url"), text(r, "content")));
        }
        return new Answer(text(body, "answer"), results);
    }
}
