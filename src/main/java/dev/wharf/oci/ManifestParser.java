package dev.wharf.oci;

/** Parses and validates manifest payloads. */
public final class ManifestParser {
    /** Manifests larger than this are refused with SIZE_INVALID, as the distribution spec allows. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private ManifestParser() {
    }

    /**
     * Validates {@code payload} pushed with {@code contentType}.
     *
     * @throws OciException MANIFEST_INVALID for malformed JSON, wrong schema, unknown or inconsistent media types
     *                      or invalid descriptors; SIZE_INVALID above {@link #MAX_MANIFEST_BYTES}
     */
    public static ParsedManifest parse(byte[] payload, String contentType) {
        throw new UnsupportedOperationException("TODO");
    }
}
