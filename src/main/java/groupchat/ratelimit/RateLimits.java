package groupchat.ratelimit;

import groupchat.config.Config;
import groupchat.config.Limits;

/**
 * The server's limiters, built once from the configuration. With RATE_LIMITS=off every limiter
 * allows everything and the per-user WebSocket cap is lifted (trusted test and benchmark set-ups).
 */
public record RateLimits(RateLimiter auth, RateLimiter messages, RateLimiter uploads, RateLimiter aiAnswers,
                         int wsConnectionsPerUser) {

    /** Where the buckets are kept: in this server's memory, or in a store several servers share. */
    public interface Store {
        RateLimiter limiter(String name, int perMinute);
    }

    public static RateLimits from(Config config) {
        return from(config, (name, perMinute) -> new TokenBuckets(perMinute));
    }

    public static RateLimits from(Config config, Store store) {
        if (!config.rateLimits()) return off();
        Limits limits = config.limits();
        return new RateLimits(store.limiter("auth", limits.authPerMinute()),
                store.limiter("messages", limits.messagesPerMinute()), store.limiter("uploads", limits.uploadsPerMinute()),
                store.limiter("ai-answers", limits.aiAnswersPerMinute()), limits.wsConnectionsPerUser());
    }

    public static RateLimits off() {
        RateLimiter none = RateLimiter.unlimited();
        return new RateLimits(none, none, none, none, Integer.MAX_VALUE);
    }
}
