package groupchat.messages;

import java.util.List;

/**
 * How an AI answer came about: the contract's `ai` object of a message. {@code costEstimated}:
 * the provider reported no cost, so it was worked out from the model's catalogue prices.
 */
public record AiMeta(
        String model,
        Integer promptTokens,
        Integer completionTokens,
        Integer totalTokens,
        Double cost,
        boolean costEstimated,
        String finishReason,
        Long latencyMs,
        List<ToolCall> toolCalls,
        String error) {

    public record ToolCall(String name, String arguments, boolean ok) {}
}
