package groupchat.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Streams one chat completion from {@code {OPENROUTER_BASE_URL}/chat/completions}. The body is
 * read line by line as it arrives ({@link SseLineSubscriber}), never buffered whole; the calling
 * thread waits and gives up when the stream stays silent longer than the idle timeout.
 */
public final class OpenRouterClient {
    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String apiKey;
    private final Duration idleTimeout;

    public OpenRouterClient(HttpClient http, ObjectMapper json, String baseUrl, String apiKey, Duration idleTimeout) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.idleTimeout = idleTimeout;
    }

    StreamAssembler.Completion stream(ObjectNode body, Consumer<String> onDelta, StreamControl control)
            throws AiUpstreamException, StreamControl.Stopped, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .timeout(idleTimeout) // until the response headers; the body has the idle check below
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("X-Title", "GroupChat2")
                .POST(HttpRequest.BodyPublishers.ofByteArray(toBytes(body)))
                .build();
        StreamAssembler assembler = new StreamAssembler(json, onDelta);
        SseLineSubscriber lines = new SseLineSubscriber(assembler);
        CompletableFuture<Void> response = http.sendAsync(request, info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromLineSubscriber(lines, s -> null, StandardCharsets.UTF_8, null)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
                    lines.fail(new AiUpstreamException(httpError(info.statusCode(), bytes)));
                    return null;
                })).thenApply(r -> null);
        response.whenComplete((ignored, error) -> {
            if (error != null) lines.fail(connectionError(error));
        });
        control.onCancel(() -> {
            lines.fail(new StreamControl.Stopped());
            lines.cancel();
            response.cancel(true);
        });
        awaitEnd(lines, response);
        return assembler.completion();
    }

    private void awaitEnd(SseLineSubscriber lines, CompletableFuture<Void> response)
            throws AiUpstreamException, StreamControl.Stopped, InterruptedException {
        long idleNanos = idleTimeout.toNanos();
        while (true) {
            long left = idleNanos - (System.nanoTime() - lines.lastActivity());
            if (left <= 0) {
                lines.cancel();
                response.cancel(true);
                throw new AiUpstreamException("the model stream stalled (nothing received for "
                        + idleTimeout.toSeconds() + " s)");
            }
            try {
                lines.result().get(left, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // check the idle time again: data may have arrived meanwhile
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AiUpstreamException upstream) throw upstream;
                if (e.getCause() instanceof StreamControl.Stopped stopped) throw stopped;
                throw new AiUpstreamException("the model stream failed: " + e.getCause());
            }
        }
    }

    private byte[] toBytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String httpError(int status, byte[] body) {
        String detail = "";
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.has("error")) detail = StreamAssembler.errorText(node.get("error"));
        } catch (IOException ignored) {
            // not JSON: show a short piece of the text instead
        }
        if (detail.isBlank()) detail = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return "the model provider answered HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
    }

    static Exception connectionError(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.util.concurrent.CancellationException) return new StreamControl.Stopped();
        if (cause instanceof HttpConnectTimeoutException) {
            return new AiUpstreamException("could not connect to the model provider (connect timeout)");
        }
        if (cause instanceof HttpTimeoutException) {
            return new AiUpstreamException("the model provider did not answer in time");
        }
        if (cause instanceof ConnectException) {
            return new AiUpstreamException("could not connect to the model provider");
        }
        return new AiUpstreamException("the connection to the model provider failed"
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
}
