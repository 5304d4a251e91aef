package dev.wharf.storage.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What only the filesystem tests look at: the staging class itself and the upload directories on disk. */
final class StorageTestSupport {
    private StorageTestSupport() {
    }

    static FilesystemUploadStaging staging(FilesystemBlobStore store) {
        return (FilesystemUploadStaging) store.uploads();
    }

    static List<Path> uploadDirs(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("uploads"))) {
            return s.toList();
        }
    }
}
