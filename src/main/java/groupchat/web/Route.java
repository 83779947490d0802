package groupchat.web;

import groupchat.ratelimit.RouteLimit;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One line of the route table: a method and path, the handler, who may call it and the rate
 * limit that counts it. {@link Router} checks the auth need and the limit before the handler
 * runs, whatever spelling of the path matched, so neither can be lost by writing a path differently.
 */
public record Route(HandlerType method, String path, Handler handler, Auth auth, RouteLimit limit) {

    /** Who may call a route. */
    public enum Auth {
        /** No token needed (and none read). */
        PUBLIC,
        /** A valid bearer token; {@code Authenticator.user(ctx)} is the caller. */
        USER,
        /** No token needed, but one that comes along must be valid and is read (Nostr linking). */
        USER_IF_TOKEN,
        /** A valid bearer token of a server admin; 403 for anyone else, before the handler looks at anything. */
        ADMIN
    }

    public static Route get(String path, Handler handler, Auth auth, RouteLimit limit) {
        return new Route(HandlerType.GET, path, handler, auth, limit);
    }

    public static Route post(String path, Handler handler, Auth auth, RouteLimit limit) {
        return new Route(HandlerType.POST, path, handler, auth, limit);
    }

    public static Route put(String path, Handler handler, Auth auth, RouteLimit limit) {
        return new Route(HandlerType.PUT, path, handler, auth, limit);
    }

    public static Route patch(String path, Handler handler, Auth auth, RouteLimit limit) {
        return new Route(HandlerType.PATCH, path, handler, auth, limit);
    }

    public static Route delete(String path, Handler handler, Auth auth, RouteLimit limit) {
        return new Route(HandlerType.DELETE, path, handler, auth, limit);
    }
}
