package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored manifest: its exact payload bytes plus what queries need without parsing it again.
 * {@code subject}, {@code artifactType} and {@code configDigest} may be null; {@code annotations} may be empty.
 * {@code createdAt} is assigned by the store (ignored on put).
 */
public record ManifestRecord(RepositoryName repository, Digest digest, String mediaType, byte[] payload,
                             String artifactType, Digest subject, Digest configDigest,
                             Map<String, String> annotations, List<Digest> blobReferences,
                             List<Digest> manifestReferences, Instant createdAt) {

    public long size() {
        return payload.length;
    }
}
