package dev.wharf.storage;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.storage.BlobStore.StoredBlob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.wharf.storage.StorageFixtures.bytes;
import static dev.wharf.storage.StorageFixtures.in;
import static dev.wharf.storage.StorageFixtures.listed;
import static dev.wharf.storage.StorageFixtures.put;
import static dev.wharf.storage.StorageFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} does, seen only through the interface: reading, deleting, GC's conditional delete
 * and listing committed blobs. A subclass per implementation supplies a fresh, empty store for each test and adds
 * what only that implementation has (layout on disk, crash recovery).
 */
public abstract class BlobStoreContract {

    protected BlobStore store;

    /** A new, empty store, closed after the test. */
    protected abstract BlobStore newStore() throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void freshStore_passesCheck_andListsNothing() throws IOException {
        store.check();
        assertThat(listed(store)).isEmpty();
    }

    @Test
    void openReadsAtAnyPosition() throws IOException {
        Digest digest = put(store, DigestAlgorithm.SHA256, utf8("hello, wharf"));

        assertThat(store.size(digest)).contains(12L);
        try (SeekableByteChannel ch = store.open(digest)) {
            assertThat(ch.size()).isEqualTo(12);
            ch.position(7);
            ByteBuffer buf = ByteBuffer.allocate(5);
            ch.read(buf);
            assertThat(new String(buf.array(), StandardCharsets.UTF_8)).isEqualTo("wharf");
        }
        assertThat(readAll(store, digest)).isEqualTo(utf8("hello, wharf"));
    }

    @Test
    void unknownBlob_hasNoSize_opensAsBlobUnknown_andDeletesAsFalse() throws IOException {
        Digest missing = Digest.sha256(utf8("missing"));

        assertThat(store.size(missing)).isEmpty();
        assertThat(store.localFile(missing)).isEmpty();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNKNOWN);
            assertThat(e.status()).isEqualTo(404);
        });
        assertThat(store.delete(missing)).isFalse();
        assertThat(store.setAsideIfOlder(missing, Instant.now().plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void delete_removesOnlyThatBlob_andItCanBePublishedAgain() throws IOException {
        Digest a = put(store, DigestAlgorithm.SHA256, utf8("a"));
        Digest b = put(store, DigestAlgorithm.SHA256, utf8("bb"));

        assertThat(store.delete(a)).isTrue();

        assertThat(store.size(a)).isEmpty();
        assertThat(store.localFile(a)).isEmpty();
        assertThatThrownBy(() -> store.open(a)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNKNOWN));
        assertThat(store.delete(a)).isFalse();
        assertThat(readAll(store, b)).isEqualTo(utf8("bb"));
        assertThat(listed(store)).extracting(StoredBlob::digest).containsExactly(b);

        assertThat(put(store, DigestAlgorithm.SHA256, utf8("a"))).isEqualTo(a);
        assertThat(readAll(store, a)).isEqualTo(utf8("a"));
    }

    @Test
    void setAsideIfOlder_keepsBlobsPublishedAfterTheCutoff_andSetsOlderOnesAside() throws IOException {
        Digest d = put(store, DigestAlgorithm.SHA256, utf8("collectable"));

        assertThat(store.setAsideIfOlder(d, Instant.now().minus(Duration.ofHours(1)))).as("published since").isEmpty();
        assertThat(readAll(store, d)).isEqualTo(utf8("collectable"));

        var aside = store.setAsideIfOlder(d, Instant.now().plus(Duration.ofHours(1))).orElseThrow();
        assertThat(store.size(d)).as("out of reach while set aside").isEmpty();
        aside.restore();
        assertThat(readAll(store, d)).as("a rolled-back deletion puts the bytes back").isEqualTo(utf8("collectable"));

        store.setAsideIfOlder(d, Instant.now().plus(Duration.ofHours(1))).orElseThrow().discard();
        assertThat(store.size(d)).isEmpty();
        assertThat(listed(store)).isEmpty();
        assertThat(store.setAsideIfOlder(d, Instant.now().plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void forEach_listsEveryCommittedBlobOnce_withItsSizeAndAPlausibleTime() throws IOException {
        Instant before = Instant.now().minusSeconds(1); // filesystem clocks are coarser than Instant.now()
        Digest a = put(store, DigestAlgorithm.SHA256, utf8("a"));
        Digest b = put(store, DigestAlgorithm.SHA256, utf8("bb"));
        Digest c = put(store, DigestAlgorithm.SHA512, utf8("ccc"));
        put(store, DigestAlgorithm.SHA256, utf8("bb")); // published twice, stored once
        store.uploads().create("staged-only");
        store.uploads().append("staged-only", 0, in(utf8("not a blob yet")), Long.MAX_VALUE);
        Instant after = Instant.now().plusSeconds(1);

        List<StoredBlob> blobs = listed(store);

        assertThat(blobs).extracting(StoredBlob::digest).containsExactlyInAnyOrder(a, b, c);
        assertThat(blobs).extracting(StoredBlob::size).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(blobs).allSatisfy(blob -> {
            assertThat(blob.size()).isEqualTo(store.size(blob.digest()).orElseThrow());
            assertThat(blob.modified()).isBetween(before, after);
        });
    }

    @Test
    void sha512Blobs_areStoredAndReadLikeSha256() throws IOException {
        byte[] content = bytes(70_000, 2);
        Digest d = put(store, DigestAlgorithm.SHA512, content);

        assertThat(store.size(d)).contains(70_000L);
        assertThat(readAll(store, d)).isEqualTo(content);
        assertThat(store.size(Digest.sha256(content))).as("another algorithm is another blob").isEmpty();
    }

    /** A delete racing a publish of the same digest must never make the publish fail. */
    @Test
    void commitsRacingDeletesOfTheSameDigest_allSucceed() throws Exception {
        byte[] content = bytes(10, 13);
        Digest digest = Digest.sha256(content);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> deleters = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                deleters.add(pool.submit(() -> {
                    while (!done.get()) {
                        store.delete(digest);
                    }
                    return null;
                }));
            }
            Future<?> committer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        store.uploads().create("c-" + i);
                        store.uploads().append("c-" + i, 0, in(content), Long.MAX_VALUE);
                        assertThat(store.uploads().commit("c-" + i, digest)).isEqualTo(content.length);
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            committer.get(2, TimeUnit.MINUTES);
            for (Future<?> d : deleters) {
                d.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.uploads().idleSince(Instant.now().plus(Duration.ofDays(1)))).isEmpty();
    }
}
