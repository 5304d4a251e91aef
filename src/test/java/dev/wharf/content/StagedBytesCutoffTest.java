package dev.wharf.content;

import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.MetadataStore;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.UploadCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A body without Content-Length is cut off at the read that crosses the staged-bytes limit, not read to its end,
 * and what it wrote is dropped.
 */
class StagedBytesCutoffTest {
    static final long CAP = 1L << 20;
    /** What one read may take beyond the limit: the staging copy buffer, plus slack. */
    static final long ONE_READ = 512 * 1024;

    @Test
    void undeclaredBody_isCutWhereItCrossesTheCap_andLeavesTheUploadAsItWas(@TempDir Path root) throws Exception {
        try (FilesystemBlobStore blobs = new FilesystemBlobStore(root);
             MetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            UploadService uploads = new UploadService(blobs, meta, Clock.systemUTC(), RegistryLimits.NONE,
                    new StagedBytes(CAP));
            RepositoryName repo = RepositoryName.parse("loose/app");
            String id = uploads.start(repo).id();
            uploads.append(repo, id, null, -1, new java.io.ByteArrayInputStream(new byte[100_000]));

            UploadCalls.CountingBody endless = new UploadCalls.CountingBody(64L << 20);
            assertThatThrownBy(() -> uploads.append(repo, id, null, -1, endless))
                    .isInstanceOf(OciException.class).hasMessageContaining("unfinished uploads");
            assertThat(endless.given()).isBetween(CAP - 100_000, CAP - 100_000 + ONE_READ);
            assertThat(uploads.status(repo, id).size()).isEqualTo(100_000);
            assertThat(uploads.stagedBytes()).isEqualTo(100_000);

            uploads.cancel(repo, id);
            assertThat(uploads.stagedBytes()).isZero();
        }
    }
}
