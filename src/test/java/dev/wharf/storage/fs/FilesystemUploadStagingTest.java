package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.storage.fs.StorageTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appending and committing: offsets, limits, failures, digests, and when the file is hashed again. */
class FilesystemUploadStagingTest {
    @TempDir
    Path root;

    @Test
    void appendAndCommitSha256UsesTheInMemoryHash() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = staging(store);
        byte[] content = bytes(1_000_003, 1); // several buffers' worth
        Digest digest = Digest.sha256(content);

        uploads.create("u1");
        assertThat(uploads.size("u1")).isZero();
        assertThat(uploads.append("u1", 0, in(content), Long.MAX_VALUE)).isEqualTo(content.length);
        assertThat(store.size(digest)).isEmpty();

        assertThat(uploads.commit("u1", digest)).isEqualTo(content.length);
        assertThat(uploads.rehashes()).isZero();
        assertThat(store.size(digest)).contains((long) content.length);
        assertThat(readAll(store, digest)).isEqualTo(content);
        assertThat(store.localFile(digest)).hasValueSatisfying(p -> assertThat(p).isRegularFile()
                .isEqualTo(root.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex())));
        assertThat(uploads.size("u1")).isEqualTo(-1);
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void appendAndCommitSha512RehashesTheFile() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = staging(store);
        byte[] content = bytes(70_000, 2);
        Digest digest = Digest.of(DigestAlgorithm.SHA512, content);

        uploads.create("u1");
        uploads.append("u1", 0, in(content), content.length);
        assertThat(uploads.commit("u1", digest)).isEqualTo(content.length);

        assertThat(uploads.rehashes()).isEqualTo(1);
        assertThat(readAll(store, digest)).isEqualTo(content);
        assertThat(root.resolve("blobs/sha512").resolve(digest.hex().substring(0, 2)).resolve(digest.hex()))
                .isRegularFile();
    }

    @Test
    void emptyBlobCommits() throws IOException {
        var store = new FilesystemBlobStore(root);
        Digest empty = Digest.sha256(new byte[0]);
        store.uploads().create("e");
        assertThat(store.uploads().commit("e", empty)).isZero();
        assertThat(store.size(empty)).contains(0L);
    }

    @Test
    void chunkedAppendsReturnTheRunningOffset() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = staging(store);
        byte[] content = bytes(600_000, 3);
        uploads.create("u1");
        assertThat(uploads.append("u1", 0, in(slice(content, 0, 1)), 10)).isEqualTo(1);
        assertThat(uploads.append("u1", 1, in(slice(content, 1, 300_000)), Long.MAX_VALUE)).isEqualTo(300_000);
        assertThat(uploads.append("u1", 300_000, in(new byte[0]), 0)).isEqualTo(300_000);
        assertThat(uploads.append("u1", 300_000, in(slice(content, 300_000, 600_000)), 300_000))
                .isEqualTo(600_000);

        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(600_000);
        assertThat(uploads.rehashes()).isZero();
        assertThat(readAll(store, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void wrongOffsetIsRangeInvalidAndChangesNothing() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = staging(store);
        byte[] content = bytes(5000, 4);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 1000)), Long.MAX_VALUE);

        for (long wrong : new long[]{0, 999, 1001, -1}) {
            assertThatThrownBy(() -> uploads.append("u1", wrong, in(slice(content, 1000, 5000)), Long.MAX_VALUE))
                    .isInstanceOfSatisfying(OciException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RANGE_INVALID);
                        assertThat(e.status()).isEqualTo(416);
                        assertThat(e.getMessage()).contains("1000");
                        assertThat(e.detail()).isEqualTo(Map.of("size", 1000L));
                    });
        }
        assertThat(uploads.size("u1")).isEqualTo(1000);
        uploads.append("u1", 1000, in(slice(content, 1000, 5000)), Long.MAX_VALUE);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(5000);
        assertThat(uploads.rehashes()).isZero();
    }

    @Test
    void bodyOverMaxBytesIsSizeInvalidAndAppendsNothing() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = staging(store);
        byte[] content = bytes(700_000, 5);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 100)), 100); // exactly the limit is fine

        assertThatThrownBy(() -> uploads.append("u1", 100, in(slice(content, 100, 700_000)), 699_899))
                .isInstanceOfSatisfying(OciException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID));
        assertThatThrownBy(() -> uploads.append("u1", 100, in(slice(content, 100, 102)), 0))
                .isInstanceOfSatisfying(OciException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID));
        assertThat(uploads.size("u1")).isEqualTo(100);

        uploads.append("u1", 100, in(slice(content, 100, 700_000)), 699_900);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(700_000);
        assertThat(uploads.rehashes()).isZero(); // the failed attempts did not pollute the running hash
    }


    @Test
    void bodyFailingMidwayLeavesThePreviousSize() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = staging(store);
        byte[] content = bytes(900_000, 6);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 10)), Long.MAX_VALUE);

        assertThatThrownBy(() -> uploads.append("u1", 10, failingAfter(slice(content, 10, 600_000)), Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(uploads.size("u1")).isEqualTo(10);

        uploads.append("u1", 10, in(slice(content, 10, 900_000)), Long.MAX_VALUE);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(900_000);
        assertThat(uploads.rehashes()).isZero();
        assertThat(readAll(store, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void digestMismatchIsDigestInvalidAndPublishesNothing() throws IOException {
        var store = new FilesystemBlobStore(root);
        byte[] content = bytes(1234, 7);
        Digest claimed = Digest.sha256("something else".getBytes());
        store.uploads().create("u1");
        store.uploads().append("u1", 0, in(content), Long.MAX_VALUE);

        assertThatThrownBy(() -> store.uploads().commit("u1", claimed))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID);
                    assertThat(e.detail()).isEqualTo(Map.of("expected", claimed.toString(),
                            "actual", Digest.sha256(content).toString()));
                    assertThat(e.getMessage()).doesNotContain(root.toString());
                });
        assertThat(store.size(claimed)).isEmpty();
        assertThat(store.size(Digest.sha256(content))).isEmpty();
        List<Digest> listed = new ArrayList<>();
        store.forEach(b -> listed.add(b.digest()));
        assertThat(listed).isEmpty();
        assertThat(store.uploads().size("u1")).isEqualTo(-1);
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void commitAfterRestartVerifiesByRehashing() throws IOException {
        byte[] content = bytes(300_000, 8);
        var before = new FilesystemBlobStore(root);
        before.uploads().create("u1");
        before.uploads().append("u1", 0, in(slice(content, 0, 100_000)), Long.MAX_VALUE);
        before.uploads().create("u2");
        before.uploads().append("u2", 0, in(content), Long.MAX_VALUE);

        var after = new FilesystemBlobStore(root);
        var uploads = staging(after);
        assertThat(uploads.size("u1")).isEqualTo(100_000);
        uploads.append("u1", 100_000, in(slice(content, 100_000, 300_000)), Long.MAX_VALUE);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(300_000);
        assertThat(uploads.rehashes()).isEqualTo(1);
        assertThat(readAll(after, Digest.sha256(content))).isEqualTo(content);

        Digest wrong = Digest.sha256(slice(content, 0, 299_999));
        assertThatThrownBy(() -> uploads.commit("u2", wrong)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.DIGEST_INVALID));
        assertThat(uploads.rehashes()).isEqualTo(2);
        assertThat(after.size(wrong)).isEmpty();
    }

    @Test
    void appendsByAnotherInstanceInvalidateTheInMemoryHash() throws IOException {
        byte[] content = bytes(50_000, 9);
        var nodeA = new FilesystemBlobStore(root);
        var nodeB = new FilesystemBlobStore(root);
        nodeA.uploads().create("u1");
        nodeA.uploads().append("u1", 0, in(slice(content, 0, 20_000)), Long.MAX_VALUE);
        nodeB.uploads().append("u1", 20_000, in(slice(content, 20_000, 50_000)), Long.MAX_VALUE);

        assertThat(nodeA.uploads().commit("u1", Digest.sha256(content))).isEqualTo(50_000);
        assertThat(staging(nodeA).rehashes()).isEqualTo(1);
    }

    @Test
    void evictedHashStateFallsBackToRehashing() throws IOException {
        var store = new FilesystemBlobStore(root, new HashStates(1, Long.MAX_VALUE, System::nanoTime),
                new BufferPool(4096, 2));
        var uploads = staging(store);
        byte[] a = bytes(10_000, 10);
        byte[] b = bytes(10_000, 11);
        uploads.create("a");
        uploads.create("b");
        uploads.append("a", 0, in(a), Long.MAX_VALUE);
        uploads.append("b", 0, in(b), Long.MAX_VALUE); // evicts a's state

        assertThat(uploads.commit("a", Digest.sha256(a))).isEqualTo(10_000);
        assertThat(uploads.rehashes()).isEqualTo(1);
        assertThat(uploads.commit("b", Digest.sha256(b))).isEqualTo(10_000);
        assertThat(uploads.rehashes()).isEqualTo(1);
    }

    @Test
    void buffersAreReturnedToThePoolOnSuccessAndFailure() throws IOException {
        BufferPool pool = new BufferPool(1024, 4);
        var store = new FilesystemBlobStore(root, new HashStates(10, Long.MAX_VALUE, System::nanoTime), pool);
        byte[] content = bytes(10_000, 15);
        store.uploads().create("u1");
        store.uploads().append("u1", 0, in(content), Long.MAX_VALUE);
        assertThatThrownBy(() -> store.uploads().append("u1", 10_000, failingAfter(content), Long.MAX_VALUE))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.uploads().append("u1", 10_000, in(content), 5)).isInstanceOf(
                OciException.class);
        store.uploads().commit("u1", Digest.of(DigestAlgorithm.SHA512, content));
        assertThat(pool.idle()).isEqualTo(1);
    }
}
