package dev.wharf.content;

import dev.wharf.meta.ContentStore;
import dev.wharf.meta.ManifestRecord;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.ParsedManifest;
import dev.wharf.oci.RepositoryName;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The spec requires a descriptor's {@code size} to be the size of the content it names; a client trusting it would
 * read a truncated or overlong blob. Content is addressed by digest, so a stored blob's or manifest's size never
 * changes and this check needs no lock; content not stored is left to the store's reference check.
 */
final class DescriptorSizes {
    private DescriptorSizes() {
    }

    /** Refuses the manifest with MANIFEST_INVALID when its config, a layer or an index child has the wrong size. */
    static void check(ContentStore meta, RepositoryName repo, ParsedManifest parsed) {
        if (parsed.config() != null) {
            compare(parsed.config(), meta.linkedBlobSize(repo, parsed.config().digest()));
        }
        for (Descriptor layer : parsed.layers()) {
            if (!MediaTypes.FOREIGN_LAYERS.contains(layer.mediaType())) {
                compare(layer, meta.linkedBlobSize(repo, layer.digest()));
            }
        }
        for (Descriptor child : parsed.manifests()) {
            compare(child, meta.manifestByDigest(repo, child.digest()).map(ManifestRecord::size));
        }
    }

    private static void compare(Descriptor d, Optional<Long> stored) {
        if (stored.isPresent() && stored.get() != d.size()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("digest", d.digest().toString());
            detail.put("declaredSize", d.size());
            detail.put("storedSize", stored.get());
            throw ErrorCode.MANIFEST_INVALID.exception("descriptor size " + d.size() + " of " + d.digest()
                    + " does not match the stored size " + stored.get(), detail);
        }
    }
}
