package groupchat.web;

import groupchat.auth.Authenticator;
import groupchat.ratelimit.RouteLimit;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Installs the route table into Javalin. Each handler is wrapped so that its auth need and its
 * rate limit are checked by the route itself, never by matching path strings: every spelling
 * that reaches a handler (trailing slash, doubled slashes, see {@link PathSpelling}) is counted.
 */
public final class Router {
    /** Methods a known path answers 405 to when the table does not list them for it. */
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private final Authenticator authenticator;

    public Router(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public void install(RoutesConfig routes, List<Route> table) {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        for (Route route : table) {
            routes.addHttpHandler(route.method(), route.path(), guarded(route));
            served.computeIfAbsent(route.path(), path -> new TreeSet<>()).add(route.method().name());
        }
        // After every real route, so a path parameter (/api/invites/{token}) never hides a real
        // route of another path; literal paths first, so their Allow header is the right one.
        List<String> paths = new ArrayList<>(served.keySet());
        paths.sort(Comparator.comparing((String path) -> path.contains("{") || path.contains("*")));
        for (String path : paths) {
            Set<String> methods = served.get(path);
            ApiError refusal = ApiError.methodNotAllowed(String.join(", ", methods));
            for (HandlerType method : METHODS) {
                if (!methods.contains(method.name())) routes.addHttpHandler(method, path, ctx -> { throw refusal; });
            }
        }
    }

    private Handler guarded(Route route) {
        RouteLimit limit = route.limit();
        return ctx -> {
            authenticator.authenticate(ctx, route.auth());
            if (limit != RouteLimit.NONE) {
                String key = limit.key() == RouteLimit.Key.USER ? Authenticator.user(ctx).id() : ctx.ip();
                long retryAfter = limit.limiter().acquire(key);
                if (retryAfter > 0) throw ApiError.tooMany(limit.name(), retryAfter);
            }
            route.handler().handle(ctx);
        };
    }
}
