package dev.wharf.oci;

import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor. {@code artifactType}, {@code platform}, {@code urls} and {@code annotations} may be
 * null or empty.
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations, Platform platform, List<String> urls) {

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, Map.of(), null, List.of());
    }
}
