package groupchat.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An error the client caused or may see: status, stable code, a human message and its headers. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    private ApiError(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    private ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    /** Sign-up is closed to this caller (REGISTRATION=invite without a usable invite, or closed). */
    public static ApiError registrationClosed(String message) {
        return new ApiError(403, "registration_closed", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    /** A known path asked with a method it does not serve; {@code allow} lists the ones it does. */
    public static ApiError methodNotAllowed(String allow) {
        return new ApiError(405, "method_not_allowed", "This path answers only " + allow, Map.of("Allow", allow));
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError gone(String message) {
        return new ApiError(410, "gone", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, "unsupported_media_type", message);
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return tooMany("requests", retryAfterSeconds);
    }

    /** A 429 for a rate; {@code what} are the counted actions, in the plural ("sign-ins", "messages"). */
    public static ApiError tooMany(String what, long retryAfterSeconds) {
        return rateLimited("Too many " + what + ", retry in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    /** A 429 with its own message, for limits that are not a request rate (open connections). */
    public static ApiError rateLimited(String message, long retryAfterSeconds) {
        return new ApiError(429, "rate_limited", message, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** The database is out of reach; nothing was changed, and the request may simply be repeated. */
    public static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message, Map.of("Retry-After", "2"));
    }

    /** What an unexpected failure answers: nothing about its cause. */
    public static ApiError internal() {
        return new ApiError(500, "internal", "Internal server error");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Headers the answer carries with the status (Retry-After, Allow). */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The contract's error body, {@code {"error", "code"}}, as UTF-8 JSON. Every error answer is
     * written by this one function: the exception mapper, a refused WebSocket upgrade and the
     * pages Jetty answers itself before any route runs.
     */
    public byte[] json() {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        return ("{\"error\":\"" + new String(quote.quoteAsString(getMessage())) + "\",\"code\":\""
                + new String(quote.quoteAsString(code)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
