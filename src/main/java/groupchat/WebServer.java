package groupchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.config.Config;
import groupchat.metrics.ServerMetrics;
import groupchat.ratelimit.RateLimits;
import groupchat.uploads.UploadRoutes;
import groupchat.web.ErrorHandling;
import groupchat.web.JettyErrors;
import groupchat.web.PathSpelling;
import groupchat.web.Router;
import groupchat.web.SecurityHeaders;
import groupchat.web.StartGate;
import groupchat.web.StaticFiles;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.websocket.WsHandlerType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;

/** Javalin and Jetty set up for the server: limits, handlers around every route, then the route table. */
final class WebServer {
    /** Largest JSON body any route accepts; uploads have their own, larger limits. */
    static final long MAX_JSON_BODY = 1_048_576;
    /** Largest WebSocket text frame a client may send. */
    static final long MAX_WS_FRAME = 64 * 1024;

    private WebServer() {}

    /** {@code metrics} is null unless METRICS=on. */
    static Javalin create(Config config, ObjectMapper json, Routes routes, Router router, RateLimits limits,
                          UploadRoutes uploads, StaticFiles staticFiles, ServerMetrics metrics, StartGate gate) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = MAX_JSON_BODY;
            cfg.jetty.host = config.bindHost();
            cfg.jetty.port = config.bindPort();
            cfg.jetty.modifyServer(server -> {
                // On stop, GracefulHandler lets in-flight requests finish (up to the stop timeout).
                server.insertHandler(new GracefulHandler());
                // Before any route matches: one spelling per path, so limits hold for every spelling.
                server.insertHandler(new PathSpelling());
                // Outermost: nothing runs before the server is ready.
                server.insertHandler(gate);
                server.setStopTimeout(10_000);
            });
            cfg.jetty.modifyWebSocketServletFactory(ws -> ws.setMaxTextMessageSize(MAX_WS_FRAME));
            // Javalin reads the HTTP session at every WebSocket upgrade, which creates one that Jetty
            // kept forever: each /ws request, even a refused one, leaked memory. We use no sessions.
            cfg.jetty.modifyServletContextHandler(context -> {
                SessionHandler sessions = context.getSessionHandler();
                NullSessionCache none = new NullSessionCache(sessions);
                none.setSessionDataStore(new NullSessionDataStore());
                sessions.setSessionCache(none);
                sessions.setUsingCookies(false);
            });
            SecurityHeaders.install(cfg);
            JettyErrors.install(cfg);
            uploads.configure(cfg);
            staticFiles.configure(cfg);
            ErrorHandling.register(cfg.routes);
            if (metrics != null) metrics.install(cfg);
            routes.install(cfg.routes, router, limits);
            staticFiles.register(cfg.routes);
        });
    }

    /**
     * Every route the server answers, as "METHOD /path" (for the API docs' test): the route table,
     * the WebSocket, and anything Javalin serves on a path outside the table. The Router's 405
     * answers for a table path's other methods are not routes.
     */
    static List<String> routes(Javalin javalin, List<String> tableRoutes) {
        Set<String> tablePaths = tableRoutes.stream().map(r -> r.substring(r.indexOf(' ') + 1))
                .collect(Collectors.toSet());
        Stream<String> outside = javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod() && !tablePaths.contains(endpoint.path))
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path);
        Stream<String> sockets = javalin.unsafe.internalRouter.allWsHandlers().stream()
                .filter(entry -> entry.getType() == WsHandlerType.WEBSOCKET)
                .map(entry -> "GET " + entry.getPath());
        return Stream.of(tableRoutes.stream(), outside, sockets).flatMap(s -> s).distinct().toList();
    }
}
