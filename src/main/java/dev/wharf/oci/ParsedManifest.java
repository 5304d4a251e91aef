package dev.wharf.oci;

import java.util.List;
import java.util.Map;

/**
 * A manifest or index that passed validation. {@code mediaType} is the effective media type (the payload's
 * {@code mediaType} field, else the request's {@code Content-Type}). For an image manifest {@code config} is set
 * and {@code layers} lists the layers; for an index {@code manifests} lists the children.
 * {@code artifactType} follows the referrers rules: the manifest's {@code artifactType}, else its config media type.
 */
public record ParsedManifest(String mediaType, Descriptor config, List<Descriptor> layers, List<Descriptor> manifests,
                             Descriptor subject, String artifactType, Map<String, String> annotations) {

    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType);
    }

    /** Blobs that must exist in the repository: config and every distributable layer. */
    public List<Digest> requiredBlobs() {
        var out = new java.util.ArrayList<Digest>();
        if (config != null) {
            out.add(config.digest());
        }
        for (Descriptor l : layers) {
            if (!MediaTypes.FOREIGN_LAYERS.contains(l.mediaType()) && (l.urls() == null || l.urls().isEmpty())) {
                out.add(l.digest());
            }
        }
        return out;
    }

    /** Child manifests that must exist in the repository (index entries). */
    public List<Digest> requiredManifests() {
        return manifests.stream().map(Descriptor::digest).toList();
    }
}
