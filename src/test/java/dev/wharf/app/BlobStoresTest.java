package dev.wharf.app;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.storage.BlobSource;
import dev.wharf.storage.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage setting names one backend, and {@link BlobStores#open} opens that one. */
class BlobStoresTest {
    @TempDir
    Path dir;

    @Test
    void rootDirectory_selectsTheFilesystemBackendThere_andOpenServesItsFiles() throws Exception {
        Path root = dir.resolve("registry");
        WharfConfig config = new ConfigLoader(
                Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root.toString()), w -> { }).load();
        assertThat(config.storage().blobs()).isEqualTo(new WharfConfig.Filesystem(root));

        byte[] content = "one blob".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(content);
        try (BlobStore store = BlobStores.open(config.storage())) {
            store.uploads().create("u1");
            store.uploads().append("u1", 0, new ByteArrayInputStream(content), Long.MAX_VALUE);
            store.uploads().commit("u1", digest);

            BlobSource source = store.serve(digest);
            assertThat(source).isInstanceOfSatisfying(BlobSource.LocalFile.class, f -> {
                assertThat(f.path()).startsWith(root.toAbsolutePath()).isRegularFile();
                assertThat(f.size()).isEqualTo(content.length);
            });
        }
    }
}
