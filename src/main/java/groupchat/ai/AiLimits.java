package groupchat.ai;

import groupchat.config.Config;
import java.time.Duration;

/**
 * Timeouts and sizes of the assistant, gathered so tests can shrink them.
 *
 * @param connectTimeout     opening a connection to any upstream
 * @param streamIdleTimeout  longest silence (not even a keep-alive) in a model stream
 * @param toolTimeout        one search request or one page fetch, start to finish
 * @param coalesceInterval   least time between two {@code ai_stream_chunk} frames after the first
 * @param coalesceMaxChars   buffered text that is sent at once, whatever the interval
 * @param maxImages          newest human images inlined into a request
 * @param maxImageBytes      total bytes of inlined images per request
 * @param maxRunningAnswers  answers generated at once over all rooms (AI_MAX_RUNNING_ANSWERS)
 * @param maxQueuedAnswers   answers waiting for a free slot (AI_MAX_QUEUED_ANSWERS); a trigger
 *                           past that is answered with a "busy" notice
 * @param maxTokens          AI_MAX_TOKENS, the {@code max_tokens} of every completion request
 */
public record AiLimits(
        int historyLimit,
        int maxToolRounds,
        Duration connectTimeout,
        Duration streamIdleTimeout,
        Duration toolTimeout,
        Duration coalesceInterval,
        int coalesceMaxChars,
        int maxImages,
        long maxImageBytes,
        int maxRunningAnswers,
        int maxQueuedAnswers,
        int maxTokens) {

    /** Most tool calls of one model turn that are run; the rest are answered as refused. */
    public static final int MAX_TOOL_CALLS_PER_ROUND = 5;

    /** With the default answer pool (8 running, 32 waiting) and AI_MAX_TOKENS (2048). */
    public AiLimits(int historyLimit, int maxToolRounds, Duration connectTimeout, Duration streamIdleTimeout,
                    Duration toolTimeout, Duration coalesceInterval, int coalesceMaxChars, int maxImages,
                    long maxImageBytes) {
        this(historyLimit, maxToolRounds, connectTimeout, streamIdleTimeout, toolTimeout, coalesceInterval,
                coalesceMaxChars, maxImages, maxImageBytes, 8, 32, 2048);
    }

    public static AiLimits from(Config config) {
        return new AiLimits(config.aiHistoryLimit(), config.aiMaxToolRounds(), Duration.ofSeconds(10),
                Duration.ofSeconds(config.aiStreamIdleTimeoutSeconds()), Duration.ofSeconds(20),
                Duration.ofMillis(40), 400, 4, 12L * 1_048_576, config.aiMaxRunningAnswers(),
                config.aiMaxQueuedAnswers(), config.aiCosts().maxTokens());
    }
}
