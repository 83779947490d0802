package groupchat.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/models}: OpenRouter's model list ({@code {data: [...]}}) in the contract's
 * shape, kept for a while so the settings dialog does not cost an upstream call each time.
 * When upstream fails the last list keeps being served; with no list yet, or with AI off, the
 * answer is just DEFAULT_MODEL (name = id, context_length and prices null). With AI_MODELS set,
 * the answer is exactly those models, in that order, with what the provider says about each.
 * The prices also estimate an answer's cost when the provider does not report it.
 */
public final class ModelCatalog {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    /** Prices are OpenRouter's decimal strings, USD per token, passed on unchanged. */
    public record Pricing(String prompt, String completion) {}

    public record Model(String id, String name, Long contextLength, Pricing pricing) {}

    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String apiKey;
    private final String defaultModel;
    private final List<String> allowed;
    private final boolean enabled;
    private final Duration ttl;
    private final Duration timeout;
    private final Clock clock;
    private List<Model> cached;
    private Instant fetchedAt;

    /** @param allowed AI_MODELS, empty for any model */
    public ModelCatalog(HttpClient http, ObjectMapper json, String baseUrl, String apiKey, String defaultModel,
                        List<String> allowed, boolean enabled, Duration ttl, Duration timeout, Clock clock) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.defaultModel = defaultModel;
        this.allowed = allowed;
        this.enabled = enabled;
        this.ttl = ttl;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The models rooms may choose. */
    public List<Model> list() {
        List<Model> all = all();
        if (allowed.isEmpty()) return all;
        return allowed.stream().map(id -> all.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElse(new Model(id, id, null, new Pricing(null, null)))).toList();
    }

    public boolean allows(String model) {
        return allowed.isEmpty() || allowed.contains(model);
    }

    /** The AI_MODELS entries the provider's list lacks (typos); empty when that list cannot be had. */
    public List<String> notOffered() {
        List<Model> all = all();
        synchronized (this) {
            if (cached == null || cached.isEmpty()) return List.of();
        }
        return allowed.stream().filter(id -> all.stream().noneMatch(m -> m.id().equals(id))).toList();
    }

    /** What the tokens cost at the model's catalogue prices (USD per token); empty when it has none. */
    public Optional<Double> estimate(String model, Integer promptTokens, Integer completionTokens) {
        Optional<Pricing> pricing = all().stream().filter(m -> m.id().equals(model)).map(Model::pricing).findFirst();
        if (pricing.isEmpty()) return Optional.empty();
        BigDecimal prompt = price(pricing.get().prompt());
        BigDecimal completion = price(pricing.get().completion());
        if (prompt == null || completion == null) return Optional.empty();
        return Optional.of(prompt.multiply(BigDecimal.valueOf(promptTokens == null ? 0 : promptTokens))
                .add(completion.multiply(BigDecimal.valueOf(completionTokens == null ? 0 : completionTokens)))
                .doubleValue());
    }

    /** OpenRouter writes "-1" for routers whose price depends on the model they pick: unknown. */
    private static BigDecimal price(String perToken) {
        if (perToken == null) return null;
        try {
            BigDecimal price = new BigDecimal(perToken);
            return price.signum() < 0 ? null : price;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Synchronized so that many clients opening settings at once cause one upstream call. */
    private synchronized List<Model> all() {
        if (!enabled) return fallback();
        if (cached != null && clock.instant().isBefore(fetchedAt.plus(ttl))) return cached;
        try {
            cached = fetch();
            fetchedAt = clock.instant();
            return cached;
        } catch (IOException e) {
            log.warn("Could not load the model list from {}: {}", baseUrl, e.getMessage());
            return cached != null ? cached : fallback();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cached != null ? cached : fallback();
        }
    }

    private List<Model> fallback() {
        return List.of(new Model(defaultModel, defaultModel, null, new Pricing(null, null)));
    }

    private List<Model> fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
        JsonNode data = json.readTree(response.body()).path("data");
        if (!data.isArray()) throw new IOException("no 'data' list in the answer");
        List<Model> models = new ArrayList<>();
        for (JsonNode m : data) {
            String id = m.path("id").asText("");
            if (id.isBlank()) continue;
            JsonNode pricing = m.path("pricing");
            models.add(new Model(id, m.hasNonNull("name") ? m.get("name").asText() : id,
                    m.hasNonNull("context_length") ? m.get("context_length").asLong() : null,
                    new Pricing(textOrNull(pricing, "prompt"), textOrNull(pricing, "completion"))));
        }
        return List.copyOf(models);
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
