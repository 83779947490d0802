package groupchat.ai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.config.Config;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The {@code web_search} tool, by whichever provider SEARCH_PROVIDER names. */
public abstract class WebSearch {
    /** How many results are asked for and shown to the model. */
    static final int RESULTS = 5;

    public record Result(String title, String url, String snippet) {}

    protected final HttpClient http;
    protected final ObjectMapper json;
    protected final Duration timeout;

    /** The provider SEARCH_PROVIDER names, or null when it is off. */
    public static WebSearch from(Config config, HttpClient http, ObjectMapper json, Duration timeout) {
        return switch (config.searchProvider()) {
            case TAVILY -> new TavilySearch(http, json, timeout, config.tavilyBaseUrl(), config.tavilyApiKey());
            case BRAVE -> new BraveSearch(http, json, timeout, config.braveBaseUrl(), config.braveApiKey());
            case OFF -> null;
        };
    }

    protected WebSearch(HttpClient http, ObjectMapper json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /** Name for messages: "Tavily", "Brave". */
    abstract String provider();

    abstract HttpRequest request(String query);

    /** The results and, when the provider writes one, a short answer (may be null). */
    abstract Answer parse(JsonNode body);

    record Answer(String summary, List<Result> results) {}

    /** Results as text for the model. */
    public String search(String query) throws ToolException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(query), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ToolException(provider() + " search failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new ToolException(provider() + " search answered HTTP " + response.statusCode());
        }
        Answer answer;
        try {
            answer = parse(json.readTree(response.body()));
        } catch (IOException e) {
            throw new ToolException(provider() + " search answered something that is not JSON");
        }
        StringBuilder out = new StringBuilder("Search results for \"" + query + "\":\n");
        if (answer.summary() != null && !answer.summary().isBlank()) out.append("Summary: ").append(answer.summary()).append('\n');
        if (answer.results().isEmpty()) out.append("(no results)\n");
        int n = 1;
        for (Result r : answer.results()) {
            out.append('\n').append(n++).append(". ").append(r.title()).append('\n').append(r.url()).append('\n');
            if (!r.snippet().isBlank()) out.append(r.snippet()).append('\n');
        }
        return out.toString();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
