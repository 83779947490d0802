package groupchat.ratelimit;

import groupchat.auth.Authenticator;
import groupchat.web.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * Rate limits of HTTP routes that are not counted by a service: sign-in routes per client IP
 * (they cost an Argon2 hash or a signature check, and are where passwords get guessed) and
 * uploads per user. Messages are counted in MessageService, which HTTP and WebSocket share.
 */
public final class RequestLimits {
    private static final Set<String> SIGN_IN = Set.of("/api/auth/register", "/api/auth/login",
            "/api/auth/nostr/challenge", "/api/auth/nostr/verify");
    private static final Set<String> UPLOADS = Set.of("/api/upload", "/api/auth/avatar");

    private final RateLimiter perIp;
    private final RateLimiter uploadsPerUser;

    public RequestLimits(RateLimiter perIp, RateLimiter uploadsPerUser) {
        this.perIp = perIp;
        this.uploadsPerUser = uploadsPerUser;
    }

    /** Register after the authenticator's filter: the upload limit needs the signed-in user. */
    public void register(RoutesConfig routes) {
        routes.beforeMatched("/api/*", this::check);
    }

    private void check(Context ctx) {
        if (ctx.method() != HandlerType.POST) return;
        String path = ctx.path();
        // The socket's address: X-Forwarded-For is not trusted, as anyone can send it.
        if (SIGN_IN.contains(path)) refuseOver(perIp.acquire(ctx.ip()));
        else if (UPLOADS.contains(path)) refuseOver(uploadsPerUser.acquire(Authenticator.user(ctx).id()));
    }

    private static void refuseOver(long retryAfterSeconds) {
        if (retryAfterSeconds > 0) throw ApiError.rateLimited(retryAfterSeconds);
    }
}
