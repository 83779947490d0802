package groupchat.realtime;

import io.javalin.http.servlet.JavalinServletContext;
import io.javalin.websocket.WsContext;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeRequest;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of what a WebSocket kept of its upgrade once the socket is open: the WebSocket context
 * then keeps no attributes or headers (read what a connection needs before the upgrade or in
 * onConnect; its query parameters stay), and Jetty's session keeps the upgrade's headers but not
 * its query string, which carried the token.
 *
 * <p>A heap dump with 10,000 idle sockets showed 17 KiB of heap per socket, of which:
 * <ul>
 *   <li>about 6 KiB was the whole HTTP exchange of the upgrade (Jetty's HTTP connection, parser,
 *       request, response, servlet objects and HTTP session), kept by three references, each
 *       enough alone: Javalin's context holds the servlet request and response; Jetty's copy of
 *       the upgrade request holds the request's header list, which points back to its HTTP channel
 *       (through its listener of HTTP-compliance violations); Jetty's copy of the upgrade response
 *       holds a live map view over the response's headers;</li>
 *   <li>about 4 KiB was the URL and its ~300-character token, copied over and over (Jetty's copy
 *       of the request and the negotiated session hold five), and the headers and attributes
 *       Javalin copied for its context.</li>
 * </ul>
 * Neither library offers a way to release them, so this is the one place that writes private
 * fields of theirs, each replaced by the same data without what it held (or cleared). Should a
 * library update rename one, {@link #create} logs a warning and the release does nothing (memory
 * grows, behaviour is unchanged), and {@code UpgradeReleaseTest} fails.
 */
final class UpgradeRelease {
    private static final Logger log = LoggerFactory.getLogger(UpgradeRelease.class);

    private record Targets(Field javalinContext, Field javalinRequest, Field javalinResponse,
                          Field requestHeaders, Field requestUri, Field requestQuery, Field requestParameters,
                          Field responseFields, Field responseHeaders, Field negotiated) {}

    private final Targets fields;

    private UpgradeRelease(Targets fields) {
        this.fields = fields;
    }

    static UpgradeRelease create() {
        try {
            return new UpgradeRelease(new Targets(
                    field(WsContext.class, "upgradeCtx"),
                    field(JavalinServletContext.class, "req"),
                    field(JavalinServletContext.class, "res"),
                    field(CompletedUpgradeRequest.class, "_httpFields"),
                    field(CompletedUpgradeRequest.class, "_httpURI"),
                    field(CompletedUpgradeRequest.class, "_queryFields"),
                    field(CompletedUpgradeRequest.class, "_queryParams"),
                    field(CompletedUpgradeResponse.class, "_httpFields"),
                    field(CompletedUpgradeResponse.class, "_headers"),
                    field(WebSocketCoreSession.class, "negotiated")));
        } catch (NoSuchFieldException | RuntimeException e) {
            log.warn("WebSocket connections will keep their upgrade request in memory: {}", e.toString());
            return new UpgradeRelease(null);
        }
    }

    /** False when a library no longer has the fields this writes. */
    boolean active() {
        return fields != null;
    }

    /** Called once the connection is set up. */
    void release(WsContext ctx) {
        if (!active()) return;
        try {
            Object upgradeContext = fields.javalinContext.get(ctx);
            fields.javalinRequest.set(upgradeContext, null);
            fields.javalinResponse.set(upgradeContext, null);
            clear(ctx.attributeMap());
            clear(ctx.headerMap());
            if (ctx.session.getUpgradeRequest() instanceof CompletedUpgradeRequest request) {
                fields.requestHeaders.set(request, detached((HttpFields) fields.requestHeaders.get(request)));
                HttpURI uri = (HttpURI) fields.requestUri.get(request);
                fields.requestUri.set(request, HttpURI.build(uri).query(null).asImmutable());
                // Parsed on first use from the query fields; given as parsed (none), so they are never read.
                fields.requestParameters.set(request, Map.of());
                fields.requestQuery.set(request, null);
            }
            if (ctx.session.getUpgradeResponse() instanceof CompletedUpgradeResponse response) {
                // A map over its own copy of the headers (already detached) instead of the live response's.
                fields.responseHeaders.set(response, HttpFields.asMap((HttpFields) fields.responseFields.get(response)));
            }
            if (ctx.session instanceof WebSocketSession session
                    && session.getCoreSession() instanceof WebSocketCoreSession core) {
                Negotiated old = (Negotiated) fields.negotiated.get(core);
                fields.negotiated.set(core, new Negotiated(withoutQuery(old.getRequestURI()), old.getSubProtocol(),
                        old.isSecure(), old.getExtensions(), old.getProtocolVersion()));
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.warn("Could not release a WebSocket's upgrade request", e);
        }
    }

    /**
     * Javalin's copies of the attributes and headers are plain maps behind a read-only type (its
     * query parameters are an immutable map); an empty one may be a shared constant.
     */
    private static void clear(Map<?, ?> copy) {
        if (copy.isEmpty()) return;
        try {
            copy.clear();
        } catch (UnsupportedOperationException e) {
            // read-only in some other Javalin version: it stays
        }
    }

    /** The same fields, in a list that refers to nothing else. */
    private static HttpFields detached(HttpFields fields) {
        HttpFields.Mutable copy = HttpFields.build(fields.size());
        fields.forEach(copy::add);
        return copy.asImmutable();
    }

    private static URI withoutQuery(URI uri) {
        return HttpURI.build(uri).query(null).toURI();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
