package groupchat.auth;

import groupchat.storage.Database;
import groupchat.web.Access;
import groupchat.web.ApiError;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Resolves the bearer token of a request to its user. Every matched /api route goes through
 * {@link #filter}; routes declared {@link Access#PUBLIC} are let through without a token.
 */
public final class Authenticator {
    private static final String USER = "groupchat.user";

    private final Tokens tokens;
    private final Database db;

    public Authenticator(Tokens tokens, Database db) {
        this.tokens = tokens;
        this.db = db;
    }

    public void filter(Context ctx) {
        if (ctx.routeRoles().contains(Access.PUBLIC)) return;
        ctx.attribute(USER, fromToken(bearer(ctx))
                .orElseThrow(() -> ApiError.unauthorized("Missing or invalid bearer token")));
    }

    /** The signed-in user; only valid on routes that are not PUBLIC. */
    public static User user(Context ctx) {
        User user = ctx.attribute(USER);
        if (user == null) throw ApiError.unauthorized("Missing or invalid bearer token");
        return user;
    }

    /** For PUBLIC routes that behave differently when a valid token comes along. */
    public Optional<User> optionalUser(Context ctx) {
        String token = bearer(ctx);
        if (token == null) return Optional.empty();
        return Optional.of(fromToken(token).orElseThrow(() -> ApiError.unauthorized("Invalid bearer token")));
    }

    /** A token is only good while its user exists. */
    public Optional<User> fromToken(String token) {
        return tokens.verify(token).flatMap(id -> db.read(h -> h.attach(UserDao.class).findById(id)));
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }
}
