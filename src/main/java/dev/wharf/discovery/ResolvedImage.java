package dev.wharf.discovery;

import dev.wharf.discovery.client.RegistryApi.Fetched;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.ImageConfig;

import java.time.Instant;
import java.util.Optional;

/**
 * One image a tag resolves to: the tag's own manifest when it names an image, or one platform's manifest of the
 * index it names ({@code index} is then set). {@code os}/{@code architecture} come from the index entry's platform,
 * else from the config.
 */
public record ResolvedImage(String tag, Fetched manifest, ImageConfig config, Optional<Fetched> index,
                            String os, String architecture, String variant) {

    /** Config plus layers, as the manifest declares them. */
    public long size() {
        long s = manifest.manifest().config() == null ? 0 : manifest.manifest().config().size();
        for (Descriptor l : manifest.manifest().layers()) {
            s += l.size();
        }
        return s;
    }

    /** The creation time, when the config states a parsable one. */
    public Optional<Instant> createdAt() {
        return config.createdAt();
    }
}
