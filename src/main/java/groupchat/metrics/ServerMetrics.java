package groupchat.metrics;

import groupchat.ai.AiEvents;
import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import groupchat.realtime.Events;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * METRICS=on: Prometheus text at {@code GET /metrics}. Requests are counted by the route's path
 * template (never the raw path, so ids cannot blow up the series); the chat's own figures come
 * from the room events the hub publishes, so no feature needs to know about metrics. Meters are
 * looked up once per series and cached: a request costs a map lookup and a timer update.
 */
public final class ServerMetrics {
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param databaseFile the SQLite file, whose {@code -wal} beside it is measured at each scrape;
     *                     null with PostgreSQL (no such gauge then)
     * @param openSockets  WebSocket connections open on this server
     */
    public ServerMetrics(Path databaseFile, IntSupplier openSockets) {
        Gauge.builder("groupchat_websocket_connections", openSockets::getAsInt)
                .description("Open WebSocket connections").register(registry);
        if (databaseFile != null) {
            Path wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
            Gauge.builder("groupchat_sqlite_wal_bytes", () -> sizeOf(wal)).baseUnit("bytes")
                    .description("Size of the SQLite write-ahead log").register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
    }

    /** Times every HTTP request once it is answered. */
    public void install(JavalinConfig cfg) {
        cfg.requestLogger.http(this::requestDone);
    }

    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    private void requestDone(Context ctx, Float millis) {
        String method = ctx.method().name();
        String route = route(ctx);
        String status = Integer.toString(ctx.statusCode());
        requests.computeIfAbsent(method + " " + route + " " + status, key -> Timer.builder("http_server_requests")
                        .description("HTTP requests by route template and status")
                        .tags("method", method, "route", route, "status", status)
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry))
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The matched path template; requests no route matched share one series. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null) return endpoint.path;
        } catch (RuntimeException noneMatched) {
            // fall through
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }

    /** Reads the room events as the hub publishes them (every message stored, every AI answer). */
    public void observe(Object event) {
        if (event instanceof Events.NewMessage created) {
            count("groupchat_messages_stored", "kind", created.message().kind(), 1);
        } else if (event instanceof AiEvents.StreamEnd end) {
            Message message = end.message();
            count("groupchat_messages_stored", "kind", message.kind(), 1);
            if (message.ai() != null) answered(message.ai());
            // An answer that ends in a system message failed upstream (error, timeout, cut-off stream).
            else if (message.content().contains(" could not answer: ")) count("groupchat_ai_upstream_errors", null, null, 1);
        }
    }

    private void answered(AiMeta ai) {
        String model = ai.model() == null ? "unknown" : ai.model();
        count("groupchat_ai_answers", "model", model, 1);
        if (ai.promptTokens() != null) count("groupchat_ai_tokens", "type", "prompt", ai.promptTokens());
        if (ai.completionTokens() != null) count("groupchat_ai_tokens", "type", "completion", ai.completionTokens());
        if (ai.cost() != null) count("groupchat_ai_cost_usd", "model", model, ai.cost());
    }

    private void count(String name, String tag, String value, double amount) {
        counters.computeIfAbsent(name + " " + value, key -> {
            Counter.Builder counter = Counter.builder(name);
            if (tag != null) counter.tag(tag, value);
            return counter.register(registry);
        }).increment(amount);
    }

    private static double sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException missing) {
            return 0;
        }
    }
}
