package groupchat.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into the contract's JSON error; nothing internal leaks into a response. */
public final class ErrorHandling {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    public static void register(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() >= 500) internal(ctx, e);
            else respond(ctx, fromJavalin(e));
        });
        routes.exception(Exception.class, ErrorHandling::internal);
        routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") || ctx.path().equals("/api")) {
                if (ctx.result() == null || ctx.result().isEmpty() || !isJson(ctx)) {
                    respond(ctx, ApiError.notFound("No such route: " + ctx.method() + " " + ctx.path()));
                }
            }
        });
    }

    public static void respond(Context ctx, ApiError error) {
        error.headers().forEach(ctx::header);
        ctx.status(error.status()).contentType(ContentType.APPLICATION_JSON).result(error.json());
    }

    private static void internal(Exception e, Context ctx) {
        internal(ctx, e);
    }

    private static void internal(Context ctx, Exception e) {
        log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
        respond(ctx, ApiError.internal());
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static ApiError fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 401 -> ApiError.unauthorized("Unauthorized");
            case 403 -> ApiError.forbidden("Forbidden");
            case 404 -> ApiError.notFound("Not found");
            case 413 -> ApiError.tooLarge("Request body is too large");
            case 415 -> ApiError.unsupportedMediaType("Unsupported media type");
            default -> ApiError.badRequest("Bad request");
        };
    }
}
