package dev.wharf.oci;

/**
 * The error codes of the OCI Distribution specification, each with the HTTP status Wharf answers it with.
 * This is the one table that maps a failure to what a client sees (design invariant 6).
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    /** 400 as in the spec's error table and CNCF Distribution: the client pushed a manifest too early. */
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "the operation is unsupported"),
    TOOMANYREQUESTS(429, "too many requests"),
    /** Not in the spec's table, but the status and code clients expect for a malformed query or header. */
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    /** Not in the OCI table; CNCF Distribution's code for a tag a manifest cannot be pushed under. */
    TAG_INVALID(400, "manifest tag is invalid"),
    /**
     * Not in any spec (Distribution answers 500 UNKNOWN): the disk is full. Clients key on the 507 status and print
     * the message; those that do not know the code read it as UNKNOWN. See docs/errors.md.
     */
    STORAGE_FULL(507, "storage is full"),
    RANGE_INVALID(416, "invalid content range"),
    UNKNOWN(500, "unknown error");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status this code is answered with unless the thrower chose a more precise one. */
    public int status() {
        return status;
    }

    /** The spec's default human-readable message. */
    public String message() {
        return message;
    }

    public OciException exception(String message) {
        return new OciException(this, message, null);
    }

    public OciException exception(String message, Object detail) {
        return new OciException(this, message, detail);
    }
}
