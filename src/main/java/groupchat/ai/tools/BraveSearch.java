package groupchat.ai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Brave: {@code GET {BRAVE_BASE_URL}/res/v1/web/search?q=} with {@code X-Subscription-Token}. */
public final class BraveSearch extends WebSearch {
    private final String baseUrl;
    private final String apiKey;

    public BraveSearch(HttpClient http, ObjectMapper json, Duration timeout, String baseUrl, String apiKey) {
        super(http, json, timeout);
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    String provider() {
        return "Brave";
    }

    @Override
    HttpRequest request(String query) {
        String url = baseUrl + "/res/v1/web/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&count=" + RESULTS;
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Subscription-Token", apiKey)
                .GET()
                .build();
    }

    @Override
    Answer parse(JsonNode body) {
        List<Result> results = new ArrayList<>();
        for (JsonNode r : body.path("web").path("results")) {
            // Brave marks the matched words in descriptions with <strong>.
            String snippet = text(r, "description").replaceAll("</?strong>", "");
            results.add(new Result(text(r, "title"), text(r, "url"), snippet));
        }
        return new Answer(null, results);
    }
}
