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
    private static final String TOKEN_ID = "groupchat.token-id";

    private final Sessions sessions;
    private final Database db;

    /** A valid token's user and the token's id (which logout and a password change need). */
    public record SignedIn(User user, String tokenId) {}

    public Authenticator(Sessions sessions, Database db) {
        this.sessions = sessions;
        this.db = db;
    }

    public void filter(Context ctx) {
        if (ctx.routeRoles().contains(Access.PUBLIC)) return;
        SignedIn signedIn = signIn(bearer(ctx))
                .orElseThrow(() -> ApiError.unauthorized("Missing or invalid bearer token"));
        ctx.attribute(USER, signedIn.user());
        ctx.attribute(TOKEN_ID, signedIn.tokenId());
    }

    /** The signed-in user; only valid on routes that are not PUBLIC. */
    public static User user(Context ctx) {
        User user = ctx.attribute(USER);
        if (user == null) throw ApiError.unauthorized("Missing or invalid bearer token");
        return user;
    }

    /** The id of the token the request was made with; only valid on routes that are not PUBLIC. */
    public static String tokenId(Context ctx) {
        String tokenId = ctx.attribute(TOKEN_ID);
        if (tokenId == null) throw ApiError.unauthorized("Missing or invalid bearer token");
        return tokenId;
    }

    /** For PUBLIC routes that behave differently when a valid token comes along. */
    public Optional<User> optionalUser(Context ctx) {
        String token = bearer(ctx);
        if (token == null) return Optional.empty();
        return Optional.of(fromToken(token).orElseThrow(() -> ApiError.unauthorized("Invalid bearer token")));
    }

    public Optional<User> fromToken(String token) {
        return signIn(token).map(SignedIn::user);
    }

    /** A token is only good while it is not revoked and its user exists and is not disabled. */
    public Optional<SignedIn> signIn(String token) {
        return sessions.verify(token).flatMap(claims -> db.read(h -> h.attach(UserDao.class)
                .findEnabledById(claims.userId())).map(user -> new SignedIn(user, claims.tokenId())));
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
