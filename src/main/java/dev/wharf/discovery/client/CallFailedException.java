package dev.wharf.discovery.client;

/**
 * A registry request that did not succeed after its retries, or answered with a status the caller cannot use.
 * {@code status} is the last HTTP status, or 0 when no response came (connection error, timeout).
 */
public final class CallFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public CallFailedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
