package groupchat.realtime;

import io.javalin.http.servlet.JavalinServletContext;
import io.javalin.websocket.WsContext;
import java.lang.reflect.Field;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeRequest;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of the HTTP exchange that carried a WebSocket's upgrade once the socket is open.
 *
 * <p>A heap dump with 10,000 idle sockets showed each one keeping its whole upgrade exchange:
 * Jetty's HTTP connection, parser, request, response, servlet objects and HTTP session, about
 * 6 KiB of the 17 KiB of heap per socket, for the socket's life. Three references keep it, and
 * every one alone is enough:
 * <ul>
 *   <li>Javalin's WebSocket context (kept by its connection for every later event) holds the
 *       servlet request and response. It copied what it serves from them (headers, query,
 *       attributes) at the upgrade, and nothing reads them afterwards.</li>
 *   <li>Jetty's copy of the upgrade request keeps the request's header list, which points back
 *       to its HTTP channel (through the listener of HTTP-compliance violations).</li>
 *   <li>Jetty's copy of the upgrade response keeps a live map view over the response's headers,
 *       and so the response and its request.</li>
 * </ul>
 * Neither library offers a way to release them, so this is the one place that writes private
 * fields of theirs: Javalin's two are cleared, Jetty's two are replaced by detached copies of the
 * same headers. Should a library update rename a field, {@link #create} logs a warning and the
 * release does nothing (memory grows, behaviour is unchanged), and {@code UpgradeReleaseTest} fails.
 */
final class UpgradeRelease {
    private static final Logger log = LoggerFactory.getLogger(UpgradeRelease.class);

    private final Field javalinContext;
    private final Field javalinRequest;
    private final Field javalinResponse;
    private final Field jettyRequestHeaders;
    private final Field jettyResponseHeaders;

    private UpgradeRelease(Field... fields) {
        this.javalinContext = fields[0];
        this.javalinRequest = fields[1];
        this.javalinResponse = fields[2];
        this.jettyRequestHeaders = fields[3];
        this.jettyResponseHeaders = fields[4];
    }

    static UpgradeRelease create() {
        try {
            return new UpgradeRelease(
                    field(WsContext.class, "upgradeCtx"),
                    field(JavalinServletContext.class, "req"),
                    field(JavalinServletContext.class, "res"),
                    field(CompletedUpgradeRequest.class, "_httpFields"),
                    field(CompletedUpgradeResponse.class, "_headers"));
        } catch (NoSuchFieldException | RuntimeException e) {
            log.warn("WebSocket connections will keep their upgrade request in memory: {}", e.toString());
            return new UpgradeRelease(new Field[5]);
        }
    }

    /** False when a library no longer has the fields this writes. */
    boolean active() {
        return javalinContext != null;
    }

    /** Called once the connection is set up; the context's request-derived data stays readable. */
    void release(WsContext ctx) {
        if (!active()) return;
        try {
            Object upgradeContext = javalinContext.get(ctx);
            javalinRequest.set(upgradeContext, null);
            javalinResponse.set(upgradeContext, null);
            UpgradeRequest request = ctx.session.getUpgradeRequest();
            if (request instanceof CompletedUpgradeRequest) {
                jettyRequestHeaders.set(request, detached((HttpFields) jettyRequestHeaders.get(request)));
            }
            UpgradeResponse response = ctx.session.getUpgradeResponse();
            if (response instanceof CompletedUpgradeResponse) {
                jettyResponseHeaders.set(response, HttpFields.asMap(detached(response)));
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.warn("Could not release a WebSocket's upgrade request", e);
        }
    }

    /** The same fields, in a list that refers to nothing else. */
    private static HttpFields detached(HttpFields fields) {
        HttpFields.Mutable copy = HttpFields.build(fields.size());
        fields.forEach(copy::add);
        return copy.asImmutable();
    }

    private static HttpFields detached(UpgradeResponse response) {
        HttpFields.Mutable copy = HttpFields.build();
        for (String name : response.getHeaderNames()) {
            List<String> values = response.getHeaders(name);
            values.forEach(value -> copy.add(name, value));
        }
        return copy.asImmutable();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
