package groupchat.ratelimit;

/**
 * A rate limit as the route table attaches it to a route: the limiter that counts the route's
 * requests and what it counts them by. Several routes may share one limiter (one budget).
 * {@code name} is what is counted, in the plural: the 429's message says "Too many <name>".
 */
public record RouteLimit(String name, RateLimiter limiter, Key key) {
    public enum Key {
        /** The socket's address: X-Forwarded-For is not trusted, as anyone can send it. */
        CLIENT_IP,
        /** The signed-in user (the route needs a token). */
        USER
    }

    /** Routes that no request rate limits. */
    public static final RouteLimit NONE = new RouteLimit("requests", RateLimiter.unlimited(), Key.CLIENT_IP);

    public static RouteLimit perClientIp(String name, RateLimiter limiter) {
        return new RouteLimit(name, limiter, Key.CLIENT_IP);
    }

    public static RouteLimit perUser(String name, RateLimiter limiter) {
        return new RouteLimit(name, limiter, Key.USER);
    }
}
