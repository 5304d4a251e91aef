package dev.wharf.http.api;

import dev.wharf.tenancy.TenancyException;

/**
 * A management API failure as DigitalOcean answers it: an HTTP status and the body
 * {@code {"id": "...", "message": "...", "request_id": "..."}}.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String id;
    private final long retryAfterSeconds;

    ApiError(int status, String id, String message) {
        this(status, id, message, 0);
    }

    private ApiError(int status, String id, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.id = id;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String id() {
        return id;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "Unable to authenticate you");
    }

    /** Too many failed logins from the caller's address (DigitalOcean's 429 id). */
    static ApiError tooManyRequests(long retryAfterSeconds) {
        return new ApiError(429, "too_many_requests", "too many failed logins from this address; retry in "
                + retryAfterSeconds + " s", retryAfterSeconds);
    }

    static ApiError forbidden() {
        return forbidden("You do not have access for the attempted action.");
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "method_not_allowed", "method " + method + " is not allowed here");
    }

    static ApiError preconditionFailed(String message) {
        return new ApiError(412, "precondition_failed", message);
    }

    /** The one mapping of service failures to API errors. */
    static ApiError of(TenancyException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> notFound(e.getMessage());
            case CONFLICT -> new ApiError(409, "conflict", e.getMessage());
            case INVALID -> new ApiError(422, "unprocessable_entity", e.getMessage());
            case NOT_ELIGIBLE -> preconditionFailed(e.getMessage());
        };
    }
}
