package groupchat.ratelimit;

import groupchat.config.Config;
import groupchat.config.Limits;

/**
 * The server's limiters, built once from the configuration. With RATE_LIMITS=off every limiter
 * allows everything and the per-user WebSocket cap is lifted (trusted test and benchmark set-ups).
 */
public record RateLimits(RateLimiter auth, RateLimiter messages, RateLimiter uploads, RateLimiter aiAnswers,
                         int wsConnectionsPerUser) {

    public static RateLimits from(Config config) {
        if (!config.rateLimits()) return off();
        Limits limits = config.limits();
        return new RateLimits(new TokenBuckets(limits.authPerMinute()), new TokenBuckets(limits.messagesPerMinute()),
                new TokenBuckets(limits.uploadsPerMinute()), new TokenBuckets(limits.aiAnswersPerMinute()),
                limits.wsConnectionsPerUser());
    }

    public static RateLimits off() {
        RateLimiter none = RateLimiter.unlimited();
        return new RateLimits(none, none, none, none, Integer.MAX_VALUE);
    }
}
