package dev.wharf.oci;

import java.util.List;
import java.util.Map;

/**
 * A manifest or index that passed validation. {@code mediaType} is the effective media type (the payload's
 * {@code mediaType} field, else the request's {@code Content-Type}). For an image manifest {@code config} is set
 * and {@code layers} lists the layers; for an index {@code manifests} lists the children.
 * {@code artifactType} follows the referrers rules: the manifest's {@code artifactType}, else its config media type.
 * Null lists and maps become empty ones, so callers never need to ask which kind of manifest they hold.
 */
public record ParsedManifest(String mediaType, Descriptor config, List<Descriptor> layers, List<Descriptor> manifests,
                             Descriptor subject, String artifactType, Map<String, String> annotations) {

    public ParsedManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        // insertion order kept: annotations are shown to people
        annotations = annotations == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /**
     * Blobs that must exist in the repository: config and every layer except foreign (non-distributable) ones.
     * A {@code urls} list alone does not exempt a layer: the spec allows it on any descriptor, and honouring it
     * would let a push reference blobs the registry does not hold.
     */
    public List<Digest> requiredBlobs() {
        var out = new java.util.ArrayList<Digest>();
        if (config != null) {
            out.add(config.digest());
        }
        for (Descriptor l : layers) {
            if (!MediaTypes.isForeignLayer(l.mediaType())) {
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
