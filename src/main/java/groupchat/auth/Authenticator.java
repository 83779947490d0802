package groupchat.auth;

import groupchat.storage.Database;
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

    private final Tokens tokens;
    private final Database db;

    public Authenticator(Tokens tokens, Database db) {
        this.tokens = tokens;
        this.db = db;
    }

    public void authenticate(Context ctx, Auth need) {
        if (need == Auth.PUBLIC) return;
        String token = bearer(ctx);
        if (token == null && need == Auth.USER_IF_TOKEN) return;
        if (token == null) throw ApiError.unauthorized("Missing bearer token");
        ctx.attribute(USER, userOf(token));
    }

    /** The signed-in user of a route that needs one. */
    public static User user(Context ctx) {
        User user = ctx.attribute(USER);
        if (user == null) throw ApiError.unauthorized("Missing bearer token");
        return user;
    }

    /** The user of a {@link Auth#USER_IF_TOKEN} route, when a token came along. */
    public static Optional<User> userIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER));
    }

    /** The user of a token; 401 saying why when the token is expired, invalid, or its user is gone. */
    public User userOf(String token) {
        String id = tokens.userId(token);
        return db.read(h -> h.attach(UserDao.class).findById(id))
                .orElseThrow(() -> ApiError.unauthorized("Invalid bearer token: its account no longer exists"));
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }
}
