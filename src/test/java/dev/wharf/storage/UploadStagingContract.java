package dev.wharf.storage;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.wharf.storage.StorageFixtures.bytes;
import static dev.wharf.storage.StorageFixtures.codeOf;
import static dev.wharf.storage.StorageFixtures.failingAfter;
import static dev.wharf.storage.StorageFixtures.in;
import static dev.wharf.storage.StorageFixtures.listed;
import static dev.wharf.storage.StorageFixtures.readAll;
import static dev.wharf.storage.StorageFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UploadStaging} does, seen only through the interface: ids, offsets, limits, interrupted bodies,
 * digest verification on commit, concurrent publishers of one digest, cancellation and finding abandoned uploads.
 * Upload ids are what the registry service issues ({@code [A-Za-z0-9-]{1,64}}, UUIDs in practice); any other id
 * is unknown, so no implementation lets a client's id name a path or key outside its uploads. A subclass per
 * implementation supplies a fresh, empty store for each test.
 */
public abstract class UploadStagingContract {

    protected BlobStore store;
    protected UploadStaging uploads;

    /** A new, empty store whose {@link BlobStore#uploads()} is under test; closed after the test. */
    protected abstract BlobStore newStore() throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        store = newStore();
        uploads = store.uploads();
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    /** No staged upload is left over. */
    private void noUploadsLeft() throws IOException {
        assertThat(uploads.idleSince(Instant.now().plus(Duration.ofDays(1)))).isEmpty();
    }

    // --- append and commit -------------------------------------------------------------------------------------

    @Test
    void appendAndCommit_publishesTheBlobOnlyOnCommit_andEndsTheUpload() throws IOException {
        byte[] content = bytes(1_000_003, 1); // several buffers' worth
        Digest digest = Digest.sha256(content);

        uploads.create("u1");
        assertThat(uploads.size("u1")).isZero();
        assertThat(uploads.append("u1", 0, in(content), Long.MAX_VALUE)).isEqualTo(content.length);
        assertThat(uploads.size("u1")).isEqualTo(content.length);
        assertThat(store.size(digest)).as("not visible before commit").isEmpty();

        assertThat(uploads.commit("u1", digest)).isEqualTo(content.length);

        assertThat(store.size(digest)).contains((long) content.length);
        assertThat(readAll(store, digest)).isEqualTo(content);
        assertThat(uploads.size("u1")).isEqualTo(-1);
        noUploadsLeft();
    }

    @Test
    void sha512Upload_isVerifiedAndPublished() throws IOException {
        byte[] content = bytes(70_000, 2);
        Digest digest = Digest.of(DigestAlgorithm.SHA512, content);
        uploads.create("u1");
        uploads.append("u1", 0, in(content), content.length);

        assertThat(uploads.commit("u1", digest)).isEqualTo(content.length);
        assertThat(readAll(store, digest)).isEqualTo(content);
    }

    @Test
    void emptyBlobCommits() throws IOException {
        Digest empty = Digest.sha256(new byte[0]);
        uploads.create("e");

        assertThat(uploads.commit("e", empty)).isZero();
        assertThat(store.size(empty)).contains(0L);
    }

    @Test
    void appendFinal_thenCommit_publishesEveryChunk() throws IOException {
        byte[] content = bytes(200_000, 16);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 50_000)), Long.MAX_VALUE);

        assertThat(uploads.appendFinal("u1", 50_000, in(slice(content, 50_000, 200_000)), Long.MAX_VALUE))
                .isEqualTo(200_000);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(200_000);
        assertThat(readAll(store, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void chunkedAppendsReturnTheRunningOffset() throws IOException {
        byte[] content = bytes(600_000, 3);
        uploads.create("u1");
        assertThat(uploads.append("u1", 0, in(slice(content, 0, 1)), 10)).isEqualTo(1);
        assertThat(uploads.append("u1", 1, in(slice(content, 1, 300_000)), Long.MAX_VALUE)).isEqualTo(300_000);
        assertThat(uploads.append("u1", 300_000, in(new byte[0]), 0)).isEqualTo(300_000);
        assertThat(uploads.append("u1", 300_000, in(slice(content, 300_000, 600_000)), 300_000))
                .isEqualTo(600_000);

        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(600_000);
        assertThat(readAll(store, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void wrongOffset_isRangeInvalidWithTheCurrentSize_andChangesNothing() throws IOException {
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
    }

    @Test
    void bodyOverMaxBytes_isSizeInvalid_andAppendsNothing() throws IOException {
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
        assertThat(uploads.commit("u1", Digest.sha256(content))).as("the refused bytes left no trace")
                .isEqualTo(700_000);
    }

    @Test
    void bodyFailingMidway_leavesThePreviousSize() throws IOException {
        byte[] content = bytes(900_000, 6);
        uploads.create("u1");
        uploads.append("u1", 0, in(slice(content, 0, 10)), Long.MAX_VALUE);

        assertThatThrownBy(() -> uploads.append("u1", 10, failingAfter(slice(content, 10, 600_000)), Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(uploads.size("u1")).isEqualTo(10);

        uploads.append("u1", 10, in(slice(content, 10, 900_000)), Long.MAX_VALUE);
        assertThat(uploads.commit("u1", Digest.sha256(content))).isEqualTo(900_000);
        assertThat(readAll(store, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void digestMismatch_isDigestInvalid_publishesNothing_andEndsTheUpload() throws IOException {
        byte[] content = bytes(1234, 7);
        Digest claimed = Digest.sha256("something else".getBytes());
        uploads.create("u1");
        uploads.append("u1", 0, in(content), Long.MAX_VALUE);

        assertThatThrownBy(() -> uploads.commit("u1", claimed))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID);
                    assertThat(e.detail()).isEqualTo(Map.of("expected", claimed.toString(),
                            "actual", Digest.sha256(content).toString()));
                });
        assertThat(store.size(claimed)).isEmpty();
        assertThat(store.size(Digest.sha256(content))).isEmpty();
        assertThat(listed(store)).isEmpty();
        assertThat(uploads.size("u1")).isEqualTo(-1);
        noUploadsLeft();
    }

    @Test
    void concurrentCommitsOfOneDigest_allSucceed_andStoreItOnce() throws Exception {
        byte[] content = bytes(400_000, 12);
        Digest digest = Digest.sha256(content);
        int threads = 8;
        for (int i = 0; i < threads; i++) {
            uploads.create("up-" + i);
            uploads.append("up-" + i, 0, in(content), Long.MAX_VALUE);
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = "up-" + i;
                results.add(pool.submit(() -> {
                    start.await(1, TimeUnit.MINUTES);
                    return uploads.commit(id, digest);
                }));
            }
            for (Future<Long> r : results) {
                assertThat(r.get(2, TimeUnit.MINUTES)).isEqualTo(content.length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(readAll(store, digest)).isEqualTo(content);
        assertThat(listed(store)).extracting(BlobStore.StoredBlob::digest).containsExactly(digest);
        noUploadsLeft();
    }

    @Test
    void committingAnExistingBlob_keepsItsContent() throws IOException {
        byte[] content = bytes(2000, 14);
        Digest digest = Digest.sha256(content);
        for (String id : List.of("first", "second")) {
            uploads.create(id);
            uploads.append(id, 0, in(content), Long.MAX_VALUE);
            assertThat(uploads.commit(id, digest)).isEqualTo(2000);
        }
        assertThat(readAll(store, digest)).isEqualTo(content);
        assertThat(listed(store)).hasSize(1);
        noUploadsLeft();
    }

    // --- ids and lifecycle -------------------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../x", "..", ".", "a/b", "a\\b", "x y", "u1/../../escape", "über", "a\u0000b"})
    void idsTheRegistryNeverIssues_areUnknown(String id) throws IOException {
        assertThatThrownBy(() -> uploads.create(id)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThatThrownBy(() -> uploads.append(id, 0, in(new byte[]{1}), 10)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThatThrownBy(() -> uploads.commit(id, Digest.sha256(new byte[]{1}))).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThat(uploads.size(id)).isEqualTo(-1);
        assertThat(uploads.cancel(id)).isFalse();
        noUploadsLeft();
    }

    @Test
    void idsLongerThan64Characters_areUnknown() throws IOException {
        for (String id : List.of("a".repeat(200), "a".repeat(65))) {
            assertThatThrownBy(() -> uploads.create(id)).satisfies(
                    e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        }
        uploads.create("a".repeat(64));
        assertThat(uploads.size("a".repeat(64))).isZero();
    }

    @Test
    void wellFormedIdsWithoutAnUpload_areUnknown() throws IOException {
        String id = "0b5a6d7e-1f2a-4c3b-8d9e-0a1b2c3d4e5f";
        assertThatThrownBy(() -> uploads.append(id, 0, in(new byte[]{1}), 10)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThatThrownBy(() -> uploads.commit(id, Digest.sha256(new byte[0]))).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThat(uploads.size(id)).isEqualTo(-1);
        assertThat(uploads.cancel(id)).isFalse();
    }

    @Test
    void createTwice_failsAndKeepsTheContent() throws IOException {
        uploads.create("u1");
        uploads.append("u1", 0, in(new byte[]{1, 2, 3}), 10);

        assertThatThrownBy(() -> uploads.create("u1")).isInstanceOf(IOException.class);
        assertThat(uploads.size("u1")).isEqualTo(3);
    }

    @Test
    void cancel_removesTheUpload() throws IOException {
        uploads.create("u1");
        uploads.append("u1", 0, in(new byte[]{1, 2, 3}), 10);

        assertThat(uploads.cancel("u1")).isTrue();
        assertThat(uploads.cancel("u1")).isFalse();
        assertThat(uploads.size("u1")).isEqualTo(-1);
        assertThatThrownBy(() -> uploads.append("u1", 3, in(new byte[]{4}), 10)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        noUploadsLeft();
    }

    @Test
    void idleSince_listsUploadsLastWrittenBeforeTheCutoff_andNoFinishedOnes() throws IOException {
        byte[] done = bytes(10, 17);
        for (String id : List.of("open", "empty", "committed", "cancelled")) {
            uploads.create(id);
        }
        uploads.append("open", 0, in(new byte[]{1}), 10);
        uploads.append("committed", 0, in(done), 10);
        uploads.commit("committed", Digest.sha256(done));
        uploads.cancel("cancelled");

        assertThat(uploads.idleSince(Instant.now().minus(Duration.ofHours(1)))).as("all written since").isEmpty();
        assertThat(uploads.idleSince(Instant.now().plus(Duration.ofHours(1))))
                .containsExactlyInAnyOrder("open", "empty");
    }
}
