package groupchat.web;

/** An error the client caused or may see: status, stable code and a human message. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Long retryAfterSeconds;

    private ApiError(int status, String code, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request", message, null);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, null);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, null);
    }

    /** Sign-up is closed to this caller (REGISTRATION=invite without a usable invite, or closed). */
    public static ApiError registrationClosed(String message) {
        return new ApiError(403, "registration_closed", message, null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message, null);
    }

    public static ApiError gone(String message) {
        return new ApiError(410, "gone", message, null);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message, null);
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, "unsupported_media_type", message, null);
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(429, "rate_limited", "Too many requests, retry in " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    /** A 429 with its own message, for limits that are not a request rate (open connections). */
    public static ApiError rateLimited(String message, long retryAfterSeconds) {
        return new ApiError(429, "rate_limited", message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorBody body() {
        return new ErrorBody(getMessage(), code);
    }

    public record ErrorBody(String error, String code) {}
}
