package kz.shekara.server.api;

/**
 * A request the API refuses: an HTTP status (4xx), a short machine-readable error code and a
 * sentence for the operator. Rendered as {@code {"error": code, "detail": detail}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String error;

    /** A refusal with HTTP {@code status}, machine-readable {@code error} code and operator sentence. */
    public ApiError(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    /** A 400 refusal. */
    public static ApiError badRequest(String error, String detail) {
        return new ApiError(400, error, detail);
    }
}
