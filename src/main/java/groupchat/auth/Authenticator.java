package groupchat.auth;

import groupchat.web.ApiError;
import groupchat.web.Route.Auth;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Resolves the bearer token of a request to its user, as the route table's auth need says;
 * the router calls {@link #authenticate} before every handler.
 */
public final class Authenticator {
    private static final String USER = "groupchat.user";
    private static final String TOKEN_ID = "groupchat.token-id";

    private final Sessions sessions;
    private final UserCache users;

    /** A valid token's user and the token's id (which logout and a password change need). */
    public record SignedIn(User user, String tokenId) {}

    public Authenticator(Sessions sessions, UserCache users) {
        this.sessions = sessions;
        this.users = users;
    }

    public void authenticate(Context ctx, Auth need) {
        if (need == Auth.PUBLIC) return;
        String token = bearer(ctx);
        if (token == null && need == Auth.USER_IF_TOKEN) return;
        if (token == null) throw ApiError.unauthorized("Missing bearer token");
        SignedIn signedIn = signIn(token);
        if (need == Auth.ADMIN && !signedIn.user().isAdmin()) throw ApiError.forbidden("Only server admins may do this");
        ctx.attribute(USER, signedIn.user());
        ctx.attribute(TOKEN_ID, signedIn.tokenId());
    }

    /** The signed-in user of a route that needs one. */
    public static User user(Context ctx) {
        User user = ctx.attribute(USER);
        if (user == null) throw ApiError.unauthorized("Missing bearer token");
        return user;
    }

    /** The id of the token the request was made with (logout, password change). */
    public static String tokenId(Context ctx) {
        String tokenId = ctx.attribute(TOKEN_ID);
        if (tokenId == null) throw ApiError.unauthorized("Missing bearer token");
        return tokenId;
    }

    /** The user of a {@link Auth#USER_IF_TOKEN} route, when a token came along. */
    public static Optional<User> userIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER));
    }

    /**
     * The user and token id of a token; 401 saying why when the token is expired, revoked or
     * invalid, or its account is gone or disabled.
     */
    public SignedIn signIn(String token) {
        Tokens.Claims claims = sessions.verify(token);
        return users.enabled(claims.userId())
                .map(user -> new SignedIn(user, claims.tokenId()))
                .orElseThrow(() -> ApiError.unauthorized("Invalid bearer token: its account no longer exists"
                        + " or is disabled"));
    }

    public boolean revoked(String tokenId) {
        return sessions.revoked(tokenId);
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }
}
