package dev.wharf.oci;

import java.util.Set;

/**
 * Media types of manifests, indexes and the descriptors they carry. Ask membership through the {@code is…}
 * predicates: they answer false for an absent (null) type, where {@code Set.of(…).contains(null)} throws.
 */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** Layers that live elsewhere (Windows base layers); a registry need not hold them. */
    public static final Set<String> FOREIGN_LAYERS = Set.of(
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

    public static final Set<String> IMAGE_MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    /** Configuration blobs of runnable images (anything else in {@code config} makes an artifact). */
    private static final Set<String> IMAGE_CONFIGS = Set.of(OCI_CONFIG, DOCKER_CONFIG);
    /** Docker schema 1 types: recognised only so they can be refused by name (deprecated, signed, unverifiable). */
    public static final Set<String> DOCKER_SCHEMA1 = Set.of(
            "application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");
    /** Longest type or subtype RFC 6838 section 4.2 allows. */
    private static final int MAX_NAME = 127;

    private MediaTypes() {
    }

    public static boolean isManifestType(String mediaType) {
        return isImageManifest(mediaType) || isIndex(mediaType);
    }

    public static boolean isImageManifest(String mediaType) {
        return is(IMAGE_MANIFESTS, mediaType);
    }

    public static boolean isIndex(String mediaType) {
        return is(INDEXES, mediaType);
    }

    public static boolean isImageConfig(String mediaType) {
        return is(IMAGE_CONFIGS, mediaType);
    }

    public static boolean isForeignLayer(String mediaType) {
        return is(FOREIGN_LAYERS, mediaType);
    }

    public static boolean isDockerSchema1(String mediaType) {
        return is(DOCKER_SCHEMA1, mediaType);
    }

    private static boolean is(Set<String> types, String mediaType) {
        return mediaType != null && types.contains(mediaType);
    }

    /**
     * The {@code type/subtype} of a Content-Type header, lowercased, without parameters such as
     * {@code ; charset=utf-8}; null when the header is absent or blank. Header values are case-insensitive,
     * manifest {@code mediaType} fields are not, so only headers go through here.
     */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String base = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
        return base.isEmpty() ? null : base.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * True when {@code s} has the RFC 6838 shape the OCI descriptor schema demands:
     * {@code [A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}} twice, joined by one {@code /}, no parameters.
     */
    public static boolean isWellFormed(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        return slash > 0 && isRestrictedName(s, 0, slash) && isRestrictedName(s, slash + 1, s.length());
    }

    private static boolean isRestrictedName(String s, int from, int to) {
        if (to <= from || to - from > MAX_NAME || !isAlnum(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && "!#$&^_.+-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
