package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.util.List;
import java.util.Map;

/** Blobs' uncompressed sizes, recorded once they are measured, for the sizes the management API reports. */
public interface UncompressedSizeStore {

    /** Blobs the given manifests of {@code repo} reference directly whose uncompressed size is not recorded yet. */
    List<UnsizedBlob> unsizedBlobs(RepositoryName repo, List<String> manifestDigests);

    /** Records each blob's uncompressed size (digest to bytes); a size once recorded is kept. */
    void recordUncompressedSizes(Map<String, Long> sizes);

    record UnsizedBlob(String digest, long size) {
    }
}
