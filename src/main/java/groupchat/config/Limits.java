package groupchat.config;

/**
 * Rate and connection limits (README, "Limits and safety"). The rate limits and the connection
 * cap apply only while RATE_LIMITS is on; the idle timeout always applies.
 *
 * @param authPerMinute        register, login, Nostr challenge and verify, per client IP
 * @param messagesPerMinute    messages posted per user, over HTTP and WebSocket together
 * @param uploadsPerMinute     chat images and avatars uploaded per user
 * @param aiAnswersPerMinute   AI answers started per room
 * @param wsConnectionsPerUser WebSocket connections open at once per user
 * @param wsIdleTimeoutSeconds a WebSocket that sends nothing (not even a pong) this long is closed
 */
public record Limits(int authPerMinute, int messagesPerMinute, int uploadsPerMinute, int aiAnswersPerMinute,
                     int wsConnectionsPerUser, int wsIdleTimeoutSeconds) {}
