package groupchat.web;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * The headers every response carries. Set by Jetty before any handler runs, so API answers,
 * error answers and static files all get them; a route may still replace one (uploads tighten
 * the Content-Security-Policy).
 */
public final class SecurityHeaders implements HttpConfiguration.Customizer {
    /** For the browser client: its own scripts and styles only, WebSockets back to this server. */
    public static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            + "frame-ancestors 'none'";

    public static void install(JavalinConfig cfg) {
        cfg.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new SecurityHeaders()));
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable headers) {
        addTo(headers);
        return request;
    }

    /** Also used for requests refused while parsing, which no customizer sees. */
    static void addTo(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", PAGE_POLICY);
    }
}
