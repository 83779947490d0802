package groupchat.ratelimit;

/**
 * Counts actions per key (an IP, a user id, a room id) and says when one is over its limit.
 * The in-memory {@link TokenBuckets} serves one server; several servers behind one address
 * would put a shared store (Redis, the database) behind this same interface.
 */
public interface RateLimiter {
    /**
     * Counts one action under {@code key} if the key has room for it.
     *
     * @return 0 when the action is allowed; otherwise the whole seconds (at least 1) until it would be
     */
    long acquire(String key);

    /** The limiter used when RATE_LIMITS=off: everything is allowed and nothing is counted. */
    static RateLimiter unlimited() {
        return key -> 0;
    }
}
