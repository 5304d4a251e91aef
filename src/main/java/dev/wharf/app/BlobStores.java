package dev.wharf.app;

import dev.wharf.config.WharfConfig;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.fs.FilesystemBlobStore;

import java.io.IOException;

/**
 * The one place that turns a storage setting into a {@link BlobStore}: the composition root and the offline
 * commands call it, nothing else names an implementation. A new backend is a new {@link WharfConfig.Blobs} record
 * and one more case here.
 */
public final class BlobStores {
    private BlobStores() {
    }

    /** Opens (creating what is missing) the blob store {@code storage} names; the caller closes it. */
    public static BlobStore open(WharfConfig.Storage storage) throws IOException {
        return switch (storage.blobs()) {
            case WharfConfig.Filesystem fs -> new FilesystemBlobStore(fs.root(), storage.minFreeBytes());
        };
    }
}
