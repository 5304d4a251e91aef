package dev.wharf.auth.token;

/** A presented token is not acceptable; the message says why (for the log, not for the client). */
public final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
