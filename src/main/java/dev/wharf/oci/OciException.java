package dev.wharf.oci;

import java.util.Map;

/**
 * A failure a client is told about, in the OCI error envelope {@code {"errors":[{code,message,detail}]}}.
 * Anything that is not an {@code OciException} reaching the HTTP layer is an internal error: logged, and
 * answered as {@link ErrorCode#UNKNOWN} without internal details.
 */
public final class OciException extends RuntimeException {
    private final ErrorCode code;
    private final Object detail;
    private final int status;
    private final Map<String, String> headers;

    public OciException(ErrorCode code, String message, Object detail) {
        this(code, message, detail, code.status(), Map.of());
    }

    private OciException(ErrorCode code, String message, Object detail, int status, Map<String, String> headers) {
        super(message == null ? code.message() : message, null, false, false);
        this.code = code;
        this.detail = detail;
        this.status = status;
        this.headers = headers;
    }

    /** The same error answered with another HTTP status (e.g. 416 for an out-of-order chunk). */
    public OciException withStatus(int newStatus) {
        return new OciException(code, getMessage(), detail, newStatus, headers);
    }

    /** The same error with extra response headers (e.g. {@code Retry-After}, {@code Range}). */
    public OciException withHeaders(Map<String, String> extra) {
        var merged = new java.util.LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new OciException(code, getMessage(), detail, status, Map.copyOf(merged));
    }

    public ErrorCode code() {
        return code;
    }

    /** Structured detail for the client, or null. Serialized as JSON. */
    public Object detail() {
        return detail;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
