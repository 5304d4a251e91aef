package dev.wharf.content.inspect;

import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ImageConfig;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.BlobService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Image configurations read from stored blobs. A configuration blob is immutable, so its parsed form is cached by
 * digest (the least recently used go first); one that is too big, missing or unreadable reads as
 * {@link ImageConfig#NONE}, so the manifest still shows without it.
 */
final class ImageConfigs {
    private static final long MAX_CONFIG_BYTES = 4L << 20;
    private static final int CACHE_ENTRIES = 2048;

    private final BlobService blobs;
    private final Map<Digest, ImageConfig> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Digest, ImageConfig> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    ImageConfigs(BlobService blobs) {
        this.blobs = blobs;
    }

    /** The configuration {@code config} describes, or NONE when it is absent or not an image configuration. */
    ImageConfig of(RepositoryName repo, Descriptor config) {
        if (config == null || config.size() > MAX_CONFIG_BYTES || !MediaTypes.isImageConfig(config.mediaType())) {
            return ImageConfig.NONE;
        }
        ImageConfig cached = cache.get(config.digest());
        if (cached != null) {
            return cached;
        }
        ImageConfig read = read(repo, config.digest());
        cache.put(config.digest(), read);
        return read;
    }

    private ImageConfig read(RepositoryName repo, Digest digest) {
        try {
            long size = blobs.size(repo, digest);
            if (size > MAX_CONFIG_BYTES) {
                return ImageConfig.NONE;
            }
            try (SeekableByteChannel ch = blobs.open(digest); InputStream in = Channels.newInputStream(ch)) {
                return ImageConfig.parse(in.readNBytes((int) size));
            }
        } catch (IOException | RuntimeException e) {
            // missing or unreadable: show the manifest without it
            return ImageConfig.NONE;
        }
    }
}
