package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.UploadStagingContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.storage.StorageFixtures.bytes;
import static dev.wharf.storage.StorageFixtures.codeOf;
import static dev.wharf.storage.StorageFixtures.failingAfter;
import static dev.wharf.storage.StorageFixtures.in;
import static dev.wharf.storage.StorageFixtures.readAll;
import static dev.wharf.storage.StorageFixtures.slice;
import static dev.wharf.storage.fs.StorageTestSupport.staging;
import static dev.wharf.storage.fs.StorageTestSupport.uploadDirs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The upload staging contract on the filesystem, and what only it has: the running SHA-256 kept in memory (and
 * when the file is hashed again instead), buffers, upload directories on disk and restarts.
 */
class FilesystemUploadStagingTest extends UploadStagingContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws IOException {
        return new FilesystemBlobStore(root);
    }

    private FilesystemUploadStaging fs() {
        return staging((FilesystemBlobStore) store);
    }

    @Test
    void sha256Commit_usesTheInMemoryHash_andLeavesNoDirectory() throws IOException {
        byte[] content = bytes(1_000_003, 1);
        uploads.create("u1");
        uploads.append("u1", 0, in(content), Long.MAX_VALUE);

        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(content.length);
        assertThat(fs().rehashes()).isZero();
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void sha512Commit_rehashesTheFile() throws IOException {
        byte[] content = bytes(70_000, 2);
        uploads.create("u1");
        uploads.append("u1", 0, in(content), content.length);

        uploads.commit("u1", Digest.of(DigestAlgorithm.SHA512, content));
        assertThat(fs().rehashes()).isEqualTo(1);
    }

    @Test
    void refusedAndInterruptedAppends_keepTheInMemoryHash() throws IOException {
        byte[] content = bytes(700_000, 5);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 100)), Long.MAX_VALUE);
        assertThatThrownBy(() -> uploads.append("u1", 99, in(slice(content, 100, 200)), Long.MAX_VALUE))
                .isInstanceOf(OciException.class);
        assertThatThrownBy(() -> uploads.append("u1", 100, in(slice(content, 100, 700_000)), 10))
                .isInstanceOf(OciException.class);
        assertThatThrownBy(() -> uploads.append("u1", 100, failingAfter(slice(content, 100, 600_000)), Long.MAX_VALUE))
                .isInstanceOf(IOException.class);

        uploads.append("u1", 100, in(slice(content, 100, 700_000)), Long.MAX_VALUE);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(700_000);
        assertThat(fs().rehashes()).isZero();
    }

    @Test
    void digestMismatch_namesNoPath_andLeavesNoDirectory() throws IOException {
        byte[] content = bytes(1234, 7);
        uploads.create("u1");
        uploads.append("u1", 0, in(content), Long.MAX_VALUE);

        assertThatThrownBy(() -> uploads.commit("u1", Digest.sha256("something else".getBytes())))
                .isInstanceOfSatisfying(OciException.class,
                        e -> assertThat(e.getMessage()).doesNotContain(root.toString()));
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void commitAfterRestart_verifiesByRehashing() throws IOException {
        byte[] content = bytes(300_000, 8);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 100_000)), Long.MAX_VALUE);
        uploads.create("u2");
        uploads.append("u2", 0, in(content), Long.MAX_VALUE);

        var after = new FilesystemBlobStore(root);
        var restarted = staging(after);
        assertThat(restarted.size("u1")).isEqualTo(100_000);
        restarted.append("u1", 100_000, in(slice(content, 100_000, 300_000)), Long.MAX_VALUE);
        assertThat(restarted.commit("u1", Digest.sha256(content))).isEqualTo(300_000);
        assertThat(restarted.rehashes()).isEqualTo(1);
        assertThat(readAll(after, Digest.sha256(content))).isEqualTo(content);

        Digest wrong = Digest.sha256(slice(content, 0, 299_999));
        assertThatThrownBy(() -> restarted.commit("u2", wrong)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.DIGEST_INVALID));
        assertThat(restarted.rehashes()).isEqualTo(2);
        assertThat(after.size(wrong)).isEmpty();
    }

    @Test
    void appendsByAnotherInstance_invalidateTheInMemoryHash() throws IOException {
        byte[] content = bytes(50_000, 9);
        var nodeB = new FilesystemBlobStore(root);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 20_000)), Long.MAX_VALUE);
        nodeB.uploads().append("u1", 20_000, in(slice(content, 20_000, 50_000)), Long.MAX_VALUE);

        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(50_000);
        assertThat(fs().rehashes()).isEqualTo(1);
    }

    @Test
    void evictedHashState_fallsBackToRehashing() throws IOException {
        var small = new FilesystemBlobStore(root, new HashStates(1, Long.MAX_VALUE, System::nanoTime),
                new BufferPool(4096, 2));
        var staged = staging(small);
        byte[] a = bytes(10_000, 10);
        byte[] b = bytes(10_000, 11);
        staged.create("a");
        staged.create("b");
        staged.append("a", 0, in(a), Long.MAX_VALUE);
        staged.append("b", 0, in(b), Long.MAX_VALUE); // evicts a's state

        assertThat(staged.commit("a", Digest.sha256(a))).isEqualTo(10_000);
        assertThat(staged.rehashes()).isEqualTo(1);
        assertThat(staged.commit("b", Digest.sha256(b))).isEqualTo(10_000);
        assertThat(staged.rehashes()).isEqualTo(1);
    }

    @Test
    void buffersAreReturnedToThePool_onSuccessAndFailure() throws IOException {
        BufferPool pool = new BufferPool(1024, 4);
        var pooled = new FilesystemBlobStore(root, new HashStates(10, Long.MAX_VALUE, System::nanoTime), pool);
        byte[] content = bytes(10_000, 15);
        pooled.uploads().create("u1");
        pooled.uploads().append("u1", 0, in(content), Long.MAX_VALUE);
        assertThatThrownBy(() -> pooled.uploads().append("u1", 10_000, failingAfter(content), Long.MAX_VALUE))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> pooled.uploads().append("u1", 10_000, in(content), 5)).isInstanceOf(
                OciException.class);
        pooled.uploads().commit("u1", Digest.of(DigestAlgorithm.SHA512, content));
        assertThat(pool.idle()).isEqualTo(1);
    }

    @Test
    void invalidIds_touchNothingOnDisk() throws IOException {
        Path nested = root.resolve("store");
        var inner = new FilesystemBlobStore(nested);
        for (String id : List.of("../x", "u1/../../escape", "a/b")) {
            assertThatThrownBy(() -> inner.uploads().create(id)).isInstanceOf(OciException.class);
            assertThatThrownBy(() -> inner.uploads().append(id, 0, in(new byte[]{1}), 10))
                    .isInstanceOf(OciException.class);
        }
        try (Stream<Path> s = Files.list(nested)) { // "../x" would land here, beside uploads/
            assertThat(s).containsExactlyInAnyOrder(nested.resolve("blobs"), nested.resolve("uploads"));
        }
        assertThat(uploadDirs(nested)).isEmpty();
    }

    @Test
    void createTwice_isFileAlreadyExists() throws IOException {
        uploads.create("u1");
        assertThatThrownBy(() -> uploads.create("u1")).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void cancel_removesTheUploadDirectory() throws IOException {
        uploads.create("u1");
        uploads.append("u1", 0, in(new byte[]{1, 2, 3}), 10);
        uploads.cancel("u1");
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void idleSince_countsHalfCreatedDirectories_andSkipsStrays() throws IOException {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        uploads.create("old");
        uploads.append("old", 0, in(new byte[]{1}), 10);
        Files.setLastModifiedTime(root.resolve("uploads/old/data"), FileTime.from(twoHoursAgo));
        uploads.create("fresh");
        Path halfCreated = Files.createDirectory(root.resolve("uploads/no-data-file"));
        Files.setLastModifiedTime(halfCreated, FileTime.from(twoHoursAgo));
        Path stray = Files.createDirectory(root.resolve("uploads/not.an.id"));
        Files.setLastModifiedTime(stray, FileTime.from(twoHoursAgo));

        assertThat(uploads.idleSince(Instant.now().minus(Duration.ofHours(1))))
                .containsExactlyInAnyOrder("old", "no-data-file");
        assertThat(uploads.idleSince(twoHoursAgo.minusSeconds(60))).isEmpty();
        assertThat(uploads.cancel("no-data-file")).isTrue();
    }
}
