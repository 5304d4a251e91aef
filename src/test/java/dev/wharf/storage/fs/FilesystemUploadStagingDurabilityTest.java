package dev.wharf.storage.fs;

import dev.wharf.storage.BlobStore;
import dev.wharf.storage.UploadStagingDurabilityContract;

import java.io.IOException;
import java.nio.file.Path;

/** The durable-offset contract on the filesystem: instances on one directory stand for nodes on a shared volume. */
class FilesystemUploadStagingDurabilityTest extends UploadStagingDurabilityContract {
    @Override
    protected BlobStore openInstance(Path root) throws IOException {
        return new FilesystemBlobStore(root);
    }
}
