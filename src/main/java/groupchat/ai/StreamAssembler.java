package groupchat.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds one completion out of its streamed chunks (the OpenAI streaming format): text deltas,
 * tool calls that arrive in fragments keyed by {@code index}, the finish reason, and the
 * {@code usage} OpenRouter puts in the last chunk.
 */
final class StreamAssembler {
    record ToolCallRequest(String id, String name, String arguments) {}

    record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Double cost) {}

    record Completion(String text, List<ToolCallRequest> toolCalls, String finishReason, Usage usage, String model) {}

    private final ObjectMapper json;
    private final Consumer<String> onDelta;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, PartialCall> calls = new TreeMap<>();
    private String finishReason;
    private Usage usage;
    private String model;
    private boolean done;

    StreamAssembler(ObjectMapper json, Consumer<String> onDelta) {
        this.json = json;
        this.onDelta = onDelta;
    }

    /** One event's data. Throws on a malformed chunk or an error the provider sent mid-stream. */
    void onData(String data) throws AiUpstreamException {
        if (data.strip().equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new AiUpstreamException("the model stream sent data that is not JSON");
        }
        if (chunk == null || !chunk.isObject()) throw new AiUpstreamException("the model stream sent a malformed chunk");
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            throw new AiUpstreamException("the model provider reported an error mid-stream: " + errorText(error));
        }
        if (chunk.hasNonNull("model")) model = chunk.get("model").asText();
        JsonNode usageNode = chunk.get("usage");
        if (usageNode != null && usageNode.isObject()) usage = usage(usageNode);
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.hasNonNull("finish_reason")) finishReason = choice.get("finish_reason").asText();
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual() && !content.asText().isEmpty()) {
            text.append(content.asText());
            onDelta.accept(content.asText());
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            int index = fragment.path("index").asInt(calls.size());
            PartialCall call = calls.computeIfAbsent(index, i -> new PartialCall());
            if (fragment.hasNonNull("id")) call.id = fragment.get("id").asText();
            JsonNode function = fragment.path("function");
            if (function.hasNonNull("name")) call.name.append(function.get("name").asText());
            if (function.hasNonNull("arguments")) call.arguments.append(function.get("arguments").asText());
        }
    }

    /** True when the stream said it was complete ({@code [DONE]} or a finish reason). */
    boolean finished() {
        return done || finishReason != null;
    }

    boolean sawDone() {
        return done;
    }

    Completion completion() {
        List<ToolCallRequest> toolCalls = new ArrayList<>();
        calls.forEach((index, call) -> toolCalls.add(new ToolCallRequest(
                call.id == null ? "call_" + index : call.id, call.name.toString(),
                call.arguments.length() == 0 ? "{}" : call.arguments.toString())));
        return new Completion(text.toString(), toolCalls, finishReason, usage, model);
    }

    static String errorText(JsonNode error) {
        if (error.isTextual()) return error.asText();
        String message = error.path("message").asText("");
        return message.isBlank() ? error.toString() : message;
    }

    private static Usage usage(JsonNode node) {
        return new Usage(intOrNull(node, "prompt_tokens"), intOrNull(node, "completion_tokens"),
                intOrNull(node, "total_tokens"), node.hasNonNull("cost") ? node.get("cost").asDouble() : null);
    }

    private static Integer intOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }

    private static final class PartialCall {
        String id;
        final StringBuilder name = new StringBuilder();
        final StringBuilder arguments = new StringBuilder();
    }
}
