package groupchat.web;

import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before any route runs: a path it cannot decode (%ZZ, bad
 * UTF-8, %00), a request line or headers too large. They get the contract's JSON error instead
 * of Jetty's HTML page, with fixed messages (never Jetty's, which may echo the request).
 */
public final class JettyErrors {
    private JettyErrors() {}

    public static void install(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new ServerErrors()));
        cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ContextErrors()));
    }

    /** The contract's error for a status that Jetty or Javalin chose (with fixed messages). */
    static ApiError errorFor(int status) {
        if (status >= 500) return ApiError.internal();
        return switch (status) {
            case 401 -> ApiError.unauthorized("Unauthorized");
            case 403 -> ApiError.forbidden("Forbidden");
            case 404, 405 -> ApiError.notFound("Not found");
            case 413, 414, 431 -> ApiError.tooLarge("Request line, headers or body too large");
            case 415 -> ApiError.unsupportedMediaType("Unsupported media type");
            default -> ApiError.badRequest("Bad request: the request line, path or headers are malformed");
        };
    }

    private static boolean writeJson(Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Some of these requests never reached the customizer that adds them.
        SecurityHeaders.addTo(response.getHeaders());
        response.write(true, ByteBuffer.wrap(errorFor(status).json()), callback);
        return true;
    }

    /** Requests refused while parsing or before reaching the servlet context. */
    private static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        /** Jetty writes error bodies for GET, POST and HEAD only; ours are JSON for every method. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeJson(response, callback, code);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            SecurityHeaders.addTo(fields);
            return ByteBuffer.wrap(errorFor(status).json());
        }
    }

    /** Requests the servlet context refuses before Javalin sees them (undecodable paths). */
    private static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeJson(response, callback, code);
        }
    }
}
