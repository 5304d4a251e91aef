package dev.wharf.meta;

/**
 * An internal failure of the metadata database (connection lost, pool exhausted, constraint the store did not
 * expect). Never shown to clients as such: the HTTP layer logs it and answers {@code UNKNOWN} (design invariant 6).
 */
public final class MetadataException extends RuntimeException {

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
